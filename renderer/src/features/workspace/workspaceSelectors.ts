/**
 * The work list's Active / On hold / Wrap-up groups and the one interaction the centre shows: the agent's
 * choice while it exists, else the most pressing open item — a call first, then other live work in the
 * order it was taken, then wrap-ups.
 */
import { createSelector } from '@reduxjs/toolkit';
import type { WorkItem } from '../../../../common/workitem';
import type { RootState } from '../../app/store';
import { selectItemEntities, selectWorkedItems, selectWrapUpItems } from '../inbox/inboxSelectors';
import { selectChosenId } from './workspaceSlice';

const isCall = (item: WorkItem) => item.channelType === 'voice';
/** Calls before other kinds, keeping each group's own order (stable sort). */
const callsFirst = (items: readonly WorkItem[]) => [...items].sort((a, b) => Number(isCall(b)) - Number(isCall(a)));

export const selectActiveGroup = createSelector([selectWorkedItems], (items) => callsFirst(items.filter((item) => item.state !== 'hold')));
export const selectHoldGroup = createSelector([selectWorkedItems], (items) => callsFirst(items.filter((item) => item.state === 'hold')));

/** Every open item in the order the work list shows them (and Alt+↑/↓ walks them). */
export const selectOpenItems = createSelector([selectActiveGroup, selectHoldGroup, selectWrapUpItems], (active, held, wrapUps) => [
  ...active,
  ...held,
  ...wrapUps,
]);

export const selectSelectedItem = createSelector(
  [selectChosenId, selectItemEntities, selectOpenItems],
  (chosenId, entities, open): WorkItem | null => (chosenId !== null ? entities[chosenId] : undefined) ?? open[0] ?? null,
);

/**
 * The voice item that has just connected between two states of the store, if any: it was not live
 * (accepted, on hold, in conference) before and is active now. A resumed call is not "just connected".
 */
export function justConnectedCall(current: RootState, previous: RootState): string | null {
  if (current.inbox.entities === previous.inbox.entities) return null;
  for (const item of selectWorkedItems(current)) {
    if (!isCall(item) || item.state !== 'active') continue;
    const before = previous.inbox.entities[item.workitemId]?.state;
    if (before !== 'active' && before !== 'hold' && before !== 'conference') return item.workitemId;
  }
  return null;
}
