/**
 * Wires the typed API's pushed events into the store as Redux events, then asks the core who is signed in
 * and how the connection stands. Returns a function that unsubscribes everything (window unload, tests).
 */
import type { SwitchboardApi } from '../../../common/desktop-api';
import { messageReceived } from '../features/chat/chatEvents';
import { connectionChanged } from '../features/connection/connectionEvents';
import { dialRequested } from '../features/dialer/dialerEvents';
import { itemsChanged } from '../features/inbox/inboxEvents';
import { actionRejected } from '../features/notices/noticeEvents';
import { offerReceived, offerRescinded } from '../features/offers/offerEvents';
import { presenceChanged } from '../features/presence/presenceEvents';
import { queuesChanged } from '../features/queues/queuesEvents';
import { callsChanged } from '../features/softphone/softphoneEvents';
import type { AppStore } from './store';
import { switchboardApi } from './switchboardApi';

export function connectApi(store: AppStore, api: SwitchboardApi): () => void {
  const { dispatch } = store;
  // Subscribe before the first requests, so nothing pushed in between is missed.
  const unsubscribers = [
    api.onItemsChanged((payload) => dispatch(itemsChanged(payload))),
    api.onOfferReceived((payload) => dispatch(offerReceived(payload))),
    api.onOfferRescinded((payload) => dispatch(offerRescinded(payload))),
    api.onConnectionChanged((payload) => dispatch(connectionChanged(payload))),
    api.onPresenceChanged((payload) => dispatch(presenceChanged(payload))),
    api.onActionRejected((payload) => dispatch(actionRejected(payload))),
    api.onQueuesChanged((payload) => dispatch(queuesChanged(payload))),
    api.onDialRequested((payload) => dispatch(dialRequested(payload))),
    api.onMessageReceived((payload) => dispatch(messageReceived(payload))),
    api.onCallsChanged((payload) => dispatch(callsChanged(payload))),
  ];
  const session = dispatch(switchboardApi.endpoints.getSession.initiate(undefined, { subscribe: false }));
  const connection = dispatch(switchboardApi.endpoints.getConnection.initiate(undefined, { subscribe: false }));

  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    session.abort();
    connection.abort();
  };
}
