/**
 * Builds `window.switchboard` from the operation and event lists in common/, so the exposed surface is
 * exactly the typed API: one function per operation, one `on<Event>` per event, nothing else. It uses
 * the schema-free name lists so the sandboxed preload bundle stays small.
 * It takes the IPC port as a parameter so tests can run it without Electron.
 */
import type { ApiResult, SwitchboardApi } from '../common/desktop-api';
import { EVENT_NAME_LIST, eventChannel, OPERATION_NAME_LIST, operationChannel, subscriptionKey } from '../common/desktop-channels';

/** The slice of Electron's ipcRenderer this module uses. */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildSwitchboardApi(ipc: IpcRendererPort): SwitchboardApi {
  const api: Record<string, unknown> = {};

  for (const operation of OPERATION_NAME_LIST) {
    const channel = operationChannel(operation);
    api[operation] = async (request: unknown): Promise<ApiResult<unknown>> => {
      try {
        return (await ipc.invoke(channel, request ?? {})) as ApiResult<unknown>;
      } catch (error) {
        // A missing handler or a crash in main must reach the renderer as data, like every other error.
        return { ok: false, error: { code: 'INTERNAL', message: `${operation} failed: ${messageOf(error)}` } };
      }
    };
  }

  for (const event of EVENT_NAME_LIST) {
    const channel = eventChannel(event);
    api[subscriptionKey(event)] = (listener: (payload: unknown) => void): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${subscriptionKey(event)} needs a listener function`);
      // Only the payload crosses: the IpcRendererEvent holds `sender` (ipcRenderer itself), which must
      // never reach the page.
      const forward = (_event: unknown, payload: unknown): void => listener(payload);
      ipc.on(channel, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, forward);
      };
    };
  }

  return Object.freeze(api) as SwitchboardApi;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
