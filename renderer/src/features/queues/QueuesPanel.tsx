import type { QueueFigures } from '../../../../common/api';
import { useAppSelector } from '../../app/hooks';
import { useListQueuesQuery } from '../../app/switchboardApi';
import { errorMessage } from '../../ui/apiError';
import { formatWait, isBackedUp, spokenWait } from './queueFigures';
import { selectQueues, selectQueuesLoaded } from './queueSelectors';

/** Seed 002's queues at a glance: waiting, active, agents available, average and longest wait; live. */
export function QueuesPanel() {
  const { error } = useListQueuesQuery();
  const queues = useAppSelector(selectQueues);
  const loaded = useAppSelector(selectQueuesLoaded);
  return (
    <section className="card queues" aria-labelledby="queues-title" data-testid="queues-panel">
      <header className="card-header">
        <h2 id="queues-title">Queues</h2>
      </header>
      {queues.length === 0 ? (
        <p className="empty compact">{error ? `Queue figures unavailable: ${errorMessage(error)}` : loaded ? 'You are in no queues.' : 'Loading…'}</p>
      ) : (
        <ul className="queue-list">
          {queues.map((queue) => (
            <QueueRow key={queue.queueId} queue={queue} />
          ))}
        </ul>
      )}
    </section>
  );
}

function QueueRow({ queue }: { queue: QueueFigures }) {
  const backedUp = isBackedUp(queue);
  return (
    <li className={backedUp ? 'queue backed-up' : 'queue'} data-testid="queue-row" data-queue-id={queue.queueId}>
      <div className="queue-head">
        <h3 className="queue-name" title={queue.queueId}>
          {queue.name}
        </h3>
        {backedUp && <span className="queue-alert">No agent free</span>}
      </div>
      <dl className="queue-figures">
        <Figure label="Waiting" name="waiting" value={String(queue.waiting)} />
        <Figure label="Active" name="active" value={String(queue.active)} />
        <Figure label="Available" name="agentsAvailable" value={String(queue.agentsAvailable)} />
        <Figure label="Avg wait" name="averageWait" value={formatWait(queue.averageWaitSeconds)} spoken={spokenWait(queue.averageWaitSeconds)} />
        <Figure label="Longest" name="longestWait" value={formatWait(queue.longestWaitSeconds)} spoken={spokenWait(queue.longestWaitSeconds)} />
      </dl>
    </li>
  );
}

/** One figure: the value large above its label on screen; label then value (spelled out) to a screen reader. */
function Figure({ label, name, value, spoken }: { label: string; name: string; value: string; spoken?: string }) {
  return (
    <div className="queue-figure">
      <dt>{label}</dt>
      <dd data-figure={name}>
        {spoken ? (
          <>
            <span aria-hidden="true">{value}</span>
            <span className="visually-hidden">{spoken}</span>
          </>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}
