import type { WorkItem } from '../../../../common/workitem';
import { useAppSelector } from '../../app/hooks';
import { priorityLabel } from '../inbox/itemLabels';
import { selectQueueLabel } from '../queues/queueSelectors';

/** Seed 004's names for a task's status. */
const TASK_STATUS_LABELS: Record<NonNullable<WorkItem['status']>, string> = { todo: 'To Do', in_progress: 'In Progress', resolved: 'Resolved' };

/**
 * Status (tasks), priority, queue (by name) and description of an item; the customer is in the context pane. An email's
 * description is its body, shown as the letter instead (`showDescription` false).
 */
export function ItemFacts({ item, showDescription = true }: { item: WorkItem; showDescription?: boolean }) {
  const queue = useAppSelector((state) => selectQueueLabel(state, item.queueId));
  return (
    <dl className="facts">
      {item.status && (<><dt>Status</dt><dd data-testid="task-status">{TASK_STATUS_LABELS[item.status]}</dd></>)}
      <dt>Priority</dt>
      <dd>{priorityLabel(item.priority)}</dd>
      {queue && (<><dt>Queue</dt><dd><bdi>{queue}</bdi></dd></>)}
      {showDescription && item.description && (<><dt>Description</dt><dd className="description"><bdi>{item.description}</bdi></dd></>)}
    </dl>
  );
}
