/** A fake of Electron's ipcMain: records handlers by channel and calls them as a renderer would. */
import type { IpcInvokeEvent, IpcMainPort } from '../../../../main/ipc/register-handlers';

type Listener = (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>;

export function createFakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainPort = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  return {
    ipcMain,
    handlers,
    channels: () => [...handlers.keys()],
    /** `sender`: the renderer's contents, for handlers that watch it (a crash detaches its media engine) */
    invoke(channel: string, frame: IpcInvokeEvent['senderFrame'], request: unknown, sender?: IpcInvokeEvent['sender']) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ senderFrame: frame, sender }, request);
    },
  };
}

export const APP_MAIN_FRAME = { url: 'app://switchboard/index.html', parent: null };
