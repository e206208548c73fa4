import { combineReducers, configureStore } from '@reduxjs/toolkit';
import type { SwitchboardApi } from '../../../common/desktop-api';
import { chatReducer } from '../features/chat/chatSlice';
import { textDraftsReducer } from '../features/chat/textDrafts';
import { connectionReducer } from '../features/connection/connectionSlice';
import { dialerReducer } from '../features/dialer/dialerSlice';
import { inboxReducer } from '../features/inbox/inboxSlice';
import { noticesReducer } from '../features/notices/noticesSlice';
import { offersReducer } from '../features/offers/offersSlice';
import { presenceReducer } from '../features/presence/presenceSlice';
import { queuesReducer } from '../features/queues/queuesSlice';
import { sessionReducer } from '../features/session/sessionSlice';
import { softphoneReducer } from '../features/softphone/softphoneSlice';
import { wrapUpDraftsReducer } from '../features/work/wrapUpDrafts';
import { workspaceReducer } from '../features/workspace/workspaceSlice';
import { createListeners } from './listeners';
import { switchboardApi, type ThunkExtra } from './switchboardApi';

const rootReducer = combineReducers({
  session: sessionReducer,
  connection: connectionReducer,
  presence: presenceReducer,
  inbox: inboxReducer,
  offers: offersReducer,
  notices: noticesReducer,
  dialer: dialerReducer,
  queues: queuesReducer,
  chat: chatReducer,
  softphone: softphoneReducer,
  workspace: workspaceReducer,
  wrapUpDrafts: wrapUpDraftsReducer,
  textDrafts: textDraftsReducer,
  [switchboardApi.reducerPath]: switchboardApi.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

/** One store per window; `switchboard` is the typed API it talks through (a fake in tests). */
export function makeStore(switchboard: SwitchboardApi, preloadedState?: Partial<RootState>) {
  const extra: ThunkExtra = { switchboard };
  const listeners = createListeners(extra);
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefault) =>
      getDefault({ thunk: { extraArgument: extra } })
        .prepend(listeners.middleware)
        .concat(switchboardApi.middleware),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];
