/**
 * Telling the agent what the platform decided for them: an item left in wrap-up until its timer ran out
 * is dispositioned with the queue's auto-disposition code, and the agent should know the call was closed
 * without their notes.
 */
import type { WorkItem } from '../../../../common/workitem';
import { displaySubject } from '../inbox/itemLabels';

/** One message per item that went from wrap-up to an automatic disposition in this change. */
export function autoDispositionNotices(changed: readonly WorkItem[], before: (workitemId: string) => WorkItem | undefined): string[] {
  return changed
    .filter((item) => item.state === 'dispositioned' && item.disposition?.auto === true && before(item.workitemId)?.state === 'terminated')
    .map((item) => `Wrap-up time ran out for “${displaySubject(item)}”: it was closed as ${item.disposition?.code ?? 'the queue’s automatic code'}.`);
}
