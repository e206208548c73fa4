import type { WorkItem } from '../../../../common/workitem';
import { useAppSelector } from '../../app/hooks';
import { useDialMutation, useListOutboundQuery, useSkipMutation } from '../../app/switchboardApi';
import { selectOutboundItems, selectScheduledCallbacks } from '../inbox/inboxSelectors';
import { KindBadge } from '../inbox/KindBadge';
import { displaySubject, priorityLabel } from '../inbox/itemLabels';
import { usePlaceCallMutation } from '../softphone/softphoneApi';
import { useNow } from '../../ui/useNow';
import { selectCalls, selectSoftphoneView } from '../softphone/softphoneSelectors';
import { scheduledTimeLabel } from './scheduledTime';

const OUTCOME_TEXT: Record<string, string> = {
  answered: 'answered',
  busy: 'busy',
  no_answer: 'no answer',
  declined: 'declined',
  cancelled: 'cancelled',
  transferred: 'transferred',
  failed: 'failed',
};

/**
 * Callbacks ready to dial and progressive-dial entries, then the callbacks scheduled for later with their
 * times: always on top of the inbox, whatever the filter.
 */
export function OutboundSection() {
  useListOutboundQuery();
  const items = useAppSelector(selectOutboundItems);
  const scheduled = useAppSelector(selectScheduledCallbacks);
  if (items.length === 0 && scheduled.length === 0) return null;
  return (
    <section className="card outbound" aria-labelledby="outbound-title" data-testid="outbound-section">
      <header className="card-header">
        <h2 id="outbound-title">
          Outbound <span className="count">{items.length}</span>
        </h2>
      </header>
      {items.length > 0 && (
        <ul className="outbound-list">
          {items.map((item) => (
            <OutboundRow key={item.workitemId} item={item} />
          ))}
        </ul>
      )}
      {scheduled.length > 0 && <ScheduledCallbacks items={scheduled} />}
    </section>
  );
}

/** The callbacks not yet due: who, why, and when (with the year once it is not this year). */
function ScheduledCallbacks({ items }: { items: WorkItem[] }) {
  const now = useNow(60_000);
  return (
    <div className="scheduled-callbacks">
      <h3 id="scheduled-callbacks-title">
        Scheduled callbacks <span className="count">{items.length}</span>
      </h3>
      <ul className="outbound-list" aria-labelledby="scheduled-callbacks-title" data-testid="scheduled-callbacks">
        {items.map((item) => {
          const at = item.callback!.scheduledAt!;
          return (
            <li key={item.workitemId} className="outbound-row" data-testid="scheduled-callback" data-workitem-id={item.workitemId}>
              <time className="scheduled-at" dateTime={new Date(at).toISOString()}>
                {scheduledTimeLabel(at, now)}
              </time>
              <div className="outbound-main">
                <bdi className="subject-text" title={displaySubject(item)}>{displaySubject(item)}</bdi>
                <div className="outbound-meta">
                  {item.callback?.phone && <span className="phone">{item.callback.phone}</span>}
                  {item.callback?.reason && <bdi>{item.callback.reason}</bdi>}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function OutboundRow({ item }: { item: WorkItem }) {
  const [dial, dialing] = useDialMutation();
  const [placeCall, placing] = usePlaceCallMutation();
  const [skip, skipping] = useSkipMutation();
  const busy = dialing.isLoading || placing.isLoading || skipping.isLoading;
  const phone = item.callback?.phone ?? item.contact.phone;
  // With the softphone registered, Dial places the call through the headset (main also submits the
  // item's `dial`); without one, the item is dialed on the platform alone, as before.
  const phoneReady = useAppSelector(selectSoftphoneView)?.registration.state === 'registered';
  const lastAttempt = useAppSelector(selectCalls).find((call) => call.workitemId === item.workitemId && call.state === 'ended' && call.outcome !== null);
  const onDial = () => (phoneReady && phone ? placeCall({ number: phone, workitemId: item.workitemId }) : dial({ workitemId: item.workitemId }));
  const scheduledAt = item.callback?.scheduledAt ?? null;
  const now = useNow(60_000);
  const name = displaySubject(item);
  return (
    <li className="outbound-row" data-testid="outbound-row" data-workitem-id={item.workitemId}>
      <div className="outbound-main">
        <span className="subject-text">{name}</span> <KindBadge kind={item.type} />
        <div className="outbound-meta">
          {phone && <span className="phone">{phone}</span>}
          {item.callback?.reason && <span>{item.callback.reason}</span>}
          <span>{priorityLabel(item.priority)}</span>
          {scheduledAt !== null && <span>Scheduled {scheduledTimeLabel(scheduledAt, now)}</span>}
          {lastAttempt?.outcome && (
            <span className="last-attempt" data-testid="last-attempt">
              Last attempt: {OUTCOME_TEXT[lastAttempt.outcome] ?? lastAttempt.outcome}
            </span>
          )}
        </div>
      </div>
      <div className="actions">
        <button type="button" className="button primary" disabled={busy} onClick={() => void onDial()} aria-label={`Dial ${name}`}>
          Dial
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void skip({ workitemId: item.workitemId })} aria-label={`Skip ${name}`}>
          Skip
        </button>
      </div>
    </li>
  );
}
