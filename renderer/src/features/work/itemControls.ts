/** Which controls the active panel offers for an item, from its state and the platform's `actions`. */
import type { WorkItem } from '../../../../common/workitem';

export type ItemControls = { hold: boolean; resume: boolean; hangup: boolean };

export function itemControls(item: Pick<WorkItem, 'state' | 'actions'>): ItemControls {
  // An item whose actions the platform did not list gets the controls its state allows.
  const allows = (action: WorkItem['actions'][number]) => item.actions.length === 0 || item.actions.includes(action);
  const worked = item.state === 'accepted' || item.state === 'active' || item.state === 'hold' || item.state === 'conference';
  return {
    hold: item.state === 'active' && allows('hold'),
    resume: item.state === 'hold',
    hangup: worked,
  };
}
