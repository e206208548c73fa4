/** Which controls the active panel offers for an item, from its state, kind and the platform's `actions`. */
import type { WorkItem } from '../../../../common/workitem';

export type ItemControls = {
  hold: boolean;
  resume: boolean;
  /** ends the interaction into wrap-up; its label depends on the kind (see `hangupLabel`) */
  hangup: boolean;
  /** task status To Do → In Progress */
  start: boolean;
  /** resolves the task (status Resolved), which completes it */
  complete: boolean;
};

type ControlSubject = Pick<WorkItem, 'state' | 'actions'> & Partial<Pick<WorkItem, 'type' | 'status'>>;

export function itemControls(item: ControlSubject): ItemControls {
  // An item whose actions the platform did not list gets the controls its state allows.
  const allows = (action: WorkItem['actions'][number]) => item.actions.length === 0 || item.actions.includes(action);
  const worked = item.state === 'accepted' || item.state === 'active' || item.state === 'hold' || item.state === 'conference';
  // Asynchronous work (tasks, reviews, approvals) is completed, not hung up: the platform lists `complete` for it.
  const completable = worked && item.actions.includes('complete');
  return {
    hold: item.state === 'active' && allows('hold'),
    resume: item.state === 'hold',
    hangup: worked && !completable && allows('hangup'),
    start: completable && item.status === 'todo' && item.actions.includes('status'),
    complete: completable,
  };
}

/** What ending the interaction is called for this kind. */
export function hangupLabel(type: WorkItem['type'] | undefined): string {
  if (type === 'chat') return 'End chat';
  if (type === 'email') return 'Done';
  return 'Hang up';
}
