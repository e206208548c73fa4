/**
 * Workflows that follow events: when the core reports changed items or a new offer, the filtered page and
 * the Outbound section are asked for again (the core evaluates the filter, so the renderer never guesses
 * whether a changed item still matches). Bursts of changes cost one refetch.
 */
import { createListenerMiddleware, isAnyOf } from '@reduxjs/toolkit';
import { itemsChanged } from '../features/inbox/inboxEvents';
import { displaySubject } from '../features/inbox/itemLabels';
import { noticePosted } from '../features/notices/noticesSlice';
import { rescindedNotice } from '../features/notices/offerNotices';
import { offerReceived, offerRescinded } from '../features/offers/offerEvents';
import { connectionChanged } from '../features/connection/connectionEvents';
import { autoDispositionNotices } from '../features/work/autoDisposition';
import { callConnected } from '../features/workspace/workspaceEvents';
import { justConnectedCall } from '../features/workspace/workspaceSelectors';
import type { RootState } from './store';
import { switchboardApi, type ThunkExtra } from './switchboardApi';

/** Long enough to merge a burst of pushed changes, short enough to feel live. */
export const REFETCH_DEBOUNCE_MS = 50;

export function createListeners(extra: ThunkExtra) {
  const listeners = createListenerMiddleware({ extra });

  listeners.startListening({
    matcher: isAnyOf(itemsChanged, offerReceived),
    effect: async (_action, api) => {
      api.cancelActiveListeners();
      await api.delay(REFETCH_DEBOUNCE_MS);
      api.dispatch(switchboardApi.util.invalidateTags(['Inbox', 'Outbound']));
    },
  });

  // Back online: what was shown may have changed while away.
  listeners.startListening({
    predicate: (action, _current, previous) =>
      connectionChanged.match(action) &&
      action.payload.state === 'online' &&
      (previous as { connection: { current: { state: string } | null } }).connection.current?.state !== 'online',
    effect: (_action, api) => {
      api.dispatch(switchboardApi.util.invalidateTags(['Inbox', 'Outbound', 'Presence', 'Queues']));
    },
  });

  // A withdrawn offer is told by name: the item is still in the store when the event arrives.
  listeners.startListening({
    actionCreator: offerRescinded,
    effect: ({ payload }, api) => {
      const item = (api.getState() as RootState).inbox.entities[payload.workitemId];
      api.dispatch(noticePosted({ tone: 'info', message: rescindedNotice(payload.reason, item ? displaySubject(item) : null) }));
    },
  });

  // An item the platform closed when wrap-up ran out: the agent learns it here, not from a missing card.
  listeners.startListening({
    actionCreator: itemsChanged,
    effect: ({ payload }, api) => {
      const before = (api.getOriginalState() as RootState).inbox.entities;
      for (const message of autoDispositionNotices(payload.items, (id) => before[id])) api.dispatch(noticePosted({ tone: 'info', message }));
    },
  });

  // A call that connects takes the centre of the screen, wherever the agent was looking.
  listeners.startListening({
    predicate: (_action, current, previous) => justConnectedCall(current as RootState, previous as RootState) !== null,
    effect: (_action, api) => {
      const workitemId = justConnectedCall(api.getState() as RootState, api.getOriginalState() as RootState);
      if (workitemId !== null) api.dispatch(callConnected({ workitemId }));
    },
  });

  return listeners;
}
