import type { CallState } from '../../../../common/call-state';
import type { CallView } from '../../../../common/softphone-api';
import { useAppSelector } from '../../app/hooks';
import { useNow } from '../../ui/useNow';
import { selectItemEntities } from '../inbox/inboxSelectors';
import { useKeymap } from '../shortcuts/useKeymap';
import { callDuration } from './callShortcuts';
import { Keypad } from './Keypad';
import { QualityIndicator } from './QualityIndicator';
import {
  useAnswerCallMutation,
  useConferenceCallsMutation,
  useDeclineCallMutation,
  useHangupCallMutation,
  useHoldCallMutation,
  useMuteCallMutation,
  useSendDtmfMutation,
} from './softphoneApi';
import { isConnected, selectCallQuality, selectDevicesInUse, selectHeadset, selectLiveCalls } from './softphoneSelectors';

const STATE_LABEL: Record<CallState, string> = {
  ringing: 'Ringing',
  answering: 'Connecting',
  dialing: 'Dialing',
  alerting: 'Ringing the customer',
  active: 'Connected',
  holding: 'Putting on hold',
  held: 'On hold',
  resuming: 'Resuming',
  transferring: 'Transferring',
  ending: 'Ending',
  ended: 'Ended',
};

type Props = {
  call: CallView;
  keypadOpen: boolean;
  onKeypad: (open: boolean) => void;
  onTransfer: () => void;
};

/** One call: who, which queue, how long; every control with its shortcut; quality and devices in use. */
export function CallControls({ call, keypadOpen, onKeypad, onTransfer }: Props) {
  const keymap = useKeymap();
  const now = useNow(1000);
  const item = useAppSelector((state) => (call.workitemId ? selectItemEntities(state)[call.workitemId] : undefined));
  const quality = useAppSelector((state) => selectCallQuality(state, call.id));
  const devices = useAppSelector(selectDevicesInUse);
  const headset = useAppSelector(selectHeadset);
  const others = useAppSelector(selectLiveCalls).filter((c) => c.id !== call.id && isConnected(c));
  const [answer] = useAnswerCallMutation();
  const [decline] = useDeclineCallMutation();
  const [hangup, hangingUp] = useHangupCallMutation();
  const [hold, holding] = useHoldCallMutation();
  const [mute] = useMuteCallMutation();
  const [sendDtmf] = useSendDtmfMutation();
  const [conference] = useConferenceCallsMutation();

  const who = call.remoteName ?? call.remoteNumber;
  const titleId = `call-${call.id}-title`;
  const connected = isConnected(call);
  const settled = call.state === 'active' || call.state === 'held';
  const since = call.answeredAt ?? call.startedAt;
  const queue = item?.queueId ?? null;

  return (
    <section className="card call-panel" aria-labelledby={titleId} data-testid="call-controls" data-call-id={call.id} data-state={call.state} data-held={call.held} data-muted={call.muted}>
      <header className="card-header">
        <h2 id={titleId}>
          {call.direction === 'inbound' ? 'Call from' : 'Call to'} {who}
        </h2>
        <span className="call-timer" role="timer" aria-label="Call duration">
          {callDuration(now - since)}
        </span>
      </header>
      <dl className="facts">
        <dt>Number</dt>
        <dd data-testid="call-number">{call.remoteNumber}</dd>
        {queue && (<><dt>Queue</dt><dd>{queue}</dd></>)}
        <dt>Status</dt>
        <dd data-testid="call-state">
          {STATE_LABEL[call.state]}
          {call.muted ? ' · muted' : ''}
          {call.reconnecting ? ' · reconnecting…' : ''}
        </dd>
      </dl>
      {call.state === 'ringing' ? (
        <div className="actions">
          <button type="button" className="button primary" onClick={() => void answer({ callId: call.id })} aria-keyshortcuts={keymap['answer'].keys}>
            Answer
          </button>
          <button type="button" className="button danger-quiet" onClick={() => void decline({ callId: call.id })} aria-keyshortcuts={keymap['decline'].keys}>
            Decline
          </button>
        </div>
      ) : (
        <div className="actions call-actions">
          <button
            type="button"
            className="button"
            disabled={!settled || holding.isLoading}
            onClick={() => void hold({ callId: call.id, hold: !call.held })}
            aria-keyshortcuts={keymap['toggle-hold'].keys}
          >
            {call.held ? 'Resume' : 'Hold'}
          </button>
          <button type="button" className="button" disabled={!connected} aria-pressed={call.muted} onClick={() => void mute({ callId: call.id, muted: !call.muted })} aria-keyshortcuts={keymap['toggle-mute'].keys}>
            {call.muted ? 'Unmute' : 'Mute'}
          </button>
          <button type="button" className="button" disabled={!connected} aria-expanded={keypadOpen} onClick={() => onKeypad(!keypadOpen)} aria-keyshortcuts={keymap['keypad'].keys}>
            Keypad
          </button>
          <button type="button" className="button" disabled={!settled} onClick={onTransfer} aria-keyshortcuts={keymap['transfer'].keys}>
            Transfer
          </button>
          <button
            type="button"
            className="button"
            disabled={!settled || others.length === 0 || call.conferencedWith.length > 0}
            onClick={() => others[0] && void conference({ callId: call.id, withCallId: others[0].id })}
            aria-keyshortcuts={keymap['conference'].keys}
          >
            {call.conferencedWith.length > 0 ? 'In conference' : 'Conference'}
          </button>
          <button type="button" className="button danger" disabled={call.state === 'ending' || hangingUp.isLoading} onClick={() => void hangup({ callId: call.id })} aria-keyshortcuts={keymap['hang-up'].keys}>
            Hang up
          </button>
        </div>
      )}
      {keypadOpen && connected && <Keypad onTone={(tones) => void sendDtmf({ callId: call.id, tones })} onClose={() => onKeypad(false)} />}
      {connected && <QualityIndicator quality={quality} />}
      <p className="call-devices muted" data-testid="call-devices">
        Microphone: {devices.microphone.label ?? 'system default'} · Speaker: {devices.speaker.label ?? 'system default'}
        {headset.state === 'connected' ? ` · Headset buttons: ${headset.name}` : ''}
      </p>
    </section>
  );
}
