import type { WorkItem } from '../../../../common/workitem';
import { useAppSelector } from '../../app/hooks';
import { priorityLabel } from '../inbox/itemLabels';
import { selectQueueLabel } from '../queues/queueSelectors';

/**
 * Priority, queue (by name) and description of an item; the customer is in the context pane. An email's
 * description is its body, shown as the letter instead (`showDescription` false).
 */
export function ItemFacts({ item, showDescription = true }: { item: WorkItem; showDescription?: boolean }) {
  const queue = useAppSelector((state) => selectQueueLabel(state, item.queueId));
  return (
    <dl className="facts">
      <dt>Priority</dt>
      <dd>{priorityLabel(item.priority)}</dd>
      {queue && (<><dt>Queue</dt><dd><bdi>{queue}</bdi></dd></>)}
      {showDescription && item.description && (<><dt>Description</dt><dd className="description"><bdi>{item.description}</bdi></dd></>)}
    </dl>
  );
}
