/**
 * IPC channel names for the desktop API (common/desktop-api.ts). preload and main both build their
 * channels from these two functions, so a renamed operation cannot leave one side listening on a stale name.
 */
import type { ApiResult, EventName, OperationName, SubscriptionName } from './desktop-api';

export const CHANNEL_PREFIX = 'switchboard:';

/** `switchboard:listInbox`: ipcRenderer.invoke ↔ ipcMain.handle */
export function operationChannel(operation: OperationName): string {
  return `${CHANNEL_PREFIX}${operation}`;
}

/** `switchboard:event:itemsChanged`: webContents.send → ipcRenderer.on */
export function eventChannel(event: EventName): string {
  return `${CHANNEL_PREFIX}event:${event}`;
}

/** Browser mode carries the same API over one WebSocket at this path of the host. */
export const BROWSER_API_PATH = '/api';

/** Browser mode, client → host: call one operation. `id` pairs the answer with the call. */
export type WireCall = { id: string | number; op: string; request?: unknown };
/** Browser mode, host → client: the answer to one call, or a pushed event. */
export type WireAnswer = { id: string | number | null; result: ApiResult<unknown> };
export type WireEvent = { event: EventName; payload: unknown };

/**
 * The operation and event names without their schemas, for the sandboxed preload: importing
 * desktop-api.ts there would bundle zod and every schema (about 1 MB) into each window for a list of
 * names. The types below fail to compile if a name is missing or extra; the contract test checks again.
 */
export const OPERATION_NAME_LIST = [
  'signIn', 'signOut', 'getSession', 'getConnection', 'listInbox', 'listOutbound', 'getWorkItem', 'accept', 'decline',
  'hold', 'hangup', 'disposition', 'transfer', 'conference', 'dial', 'skip', 'setTaskStatus', 'createTask',
  'createCallback', 'addNote', 'listMessages', 'sendMessage', 'setPresence', 'getPresence', 'listQueues',
  'listDispositions', 'getSettings', 'setSetting', 'markMessagesRead', 'reportError', 'saveDiagnostics',
  // the softphone (common/softphone-api.ts)
  'getSoftphone', 'answerCall', 'declineCall', 'hangupCall', 'holdCall', 'muteCall', 'sendDtmf', 'transferCall',
  'conferenceCalls', 'placeCall', 'setAudioDevices', 'attachMediaEngine', 'detachMediaEngine', 'answerMediaRequest',
  'reportCallQuality',
] as const satisfies readonly OperationName[];

export const EVENT_NAME_LIST = [
  'itemsChanged', 'offerReceived', 'offerRescinded', 'connectionChanged', 'presenceChanged', 'queuesChanged',
  'messageReceived', 'actionRejected', 'dialRequested', 'settingsChanged', 'callsChanged', 'mediaRequest',
] as const satisfies readonly EventName[];

type Exhaustive<Listed, All> = [All] extends [Listed] ? true : never;
const operationsListed: Exhaustive<(typeof OPERATION_NAME_LIST)[number], OperationName> = true;
const eventsListed: Exhaustive<(typeof EVENT_NAME_LIST)[number], EventName> = true;
void operationsListed;
void eventsListed;

/** `onItemsChanged` for `itemsChanged` (the same rule as desktop-api's subscriptionName, without its imports). */
export function subscriptionKey<N extends EventName>(event: N): SubscriptionName<N> {
  return `on${event[0].toUpperCase()}${event.slice(1)}` as SubscriptionName<N>;
}
