import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useNow } from '../../ui/useNow';
import { selectWorkedItems } from '../inbox/inboxSelectors';
import { callDuration } from '../softphone/callShortcuts';
import { selectFocusedCall } from '../softphone/softphoneSelectors';
import { itemSelected } from './workspaceEvents';

/**
 * The header's current call: who, on hold or not, for how long — one click brings it to the centre.
 * The softphone's call when there is one, else the voice work item being worked (no softphone yet).
 */
export function CallSummary() {
  const dispatch = useAppDispatch();
  const now = useNow(1000);
  const call = useAppSelector(selectFocusedCall);
  const voiceItem = useAppSelector(selectWorkedItems).find((item) => item.channelType === 'voice') ?? null;
  if (!call && !voiceItem) return null;
  const who = call ? (call.remoteName ?? call.remoteNumber) : (voiceItem?.contact.name ?? voiceItem?.contact.phone ?? 'Caller');
  const held = call ? call.held : voiceItem?.state === 'hold';
  const since = call ? (call.answeredAt ?? call.startedAt) : (voiceItem?.assignedAt ?? voiceItem?.createdAt ?? now);
  const workitemId = call?.workitemId ?? voiceItem?.workitemId ?? null;
  return (
    <button
      type="button"
      className={held ? 'call-summary held' : 'call-summary'}
      data-testid="call-summary"
      disabled={workitemId === null}
      onClick={() => workitemId && dispatch(itemSelected({ workitemId }))}
    >
      <span className="call-summary-icon" aria-hidden="true">☎</span>
      <bdi className="truncate call-summary-who">{who}</bdi>
      <span className="call-summary-state">{held ? 'On hold' : 'On call'}</span>
      <span className="call-summary-time" aria-label="Call duration">{callDuration(now - since)}</span>
    </button>
  );
}
