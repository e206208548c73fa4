/**
 * IPC channel names for the desktop API (common/desktop-api.ts). preload and main both build their
 * channels from these two functions, so a renamed operation cannot leave one side listening on a stale name.
 */
import type { ApiResult, EventName, OperationName } from './desktop-api';

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
