/**
 * Main-process IPC: one ipcMain.handle per operation in common/desktop-api.ts. Every call is checked for
 * its sender frame and payload, and resolves to an ApiResult — never a rejection across the boundary.
 */
import { OPERATION_NAMES, type ApiResult } from '../../common/desktop-api';
import { operationChannel } from '../../common/desktop-channels';
import type { DesktopCorePort } from './core-port';
import { dispatchOperation } from './dispatch';
import { MediaEngineOwners } from './media-engine-owners';
import type { SenderFrame } from './trusted-sender';

/** The slice of Electron's WebContents the handlers watch: a renderer that dies without a goodbye. */
export interface IpcSender {
  id: number;
  once(event: 'render-process-gone' | 'destroyed', listener: () => void): unknown;
}

/** The slice of Electron's IpcMainInvokeEvent the handlers read. */
export interface IpcInvokeEvent {
  senderFrame: SenderFrame | null;
  sender?: IpcSender;
}

/** The slice of Electron's ipcMain this module uses. */
export interface IpcMainPort {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcHandlerOptions {
  isTrustedSender(frame: SenderFrame | null): boolean;
}

/** Registers every operation's handler; returns a function that removes them all. */
export function registerIpcHandlers(ipcMain: IpcMainPort, core: DesktopCorePort, options: IpcHandlerOptions): () => void {
  const channels: string[] = [];
  // Per renderer: the media engines it attached, detached for it when its process is gone (a crash or a
  // kill runs no pagehide) or its contents are destroyed.
  const enginesOf = new Map<number, MediaEngineOwners>();
  function ownersOf(sender: IpcSender): MediaEngineOwners {
    let owners = enginesOf.get(sender.id);
    if (owners === undefined) {
      const created = new MediaEngineOwners(core);
      const lost = () => {
        if (enginesOf.get(sender.id) === created) enginesOf.delete(sender.id);
        void created.connectionLost();
      };
      sender.once('render-process-gone', lost);
      sender.once('destroyed', lost);
      enginesOf.set(sender.id, created);
      owners = created;
    }
    return owners;
  }
  for (const operation of OPERATION_NAMES) {
    const channel = operationChannel(operation);
    ipcMain.handle(channel, async (event, request): Promise<ApiResult<unknown>> => {
      let trusted = false;
      try {
        trusted = options.isTrustedSender(event?.senderFrame ?? null);
      } catch {
        // A check that cannot decide (a frame already gone) refuses: the answer below says so.
        trusted = false;
      }
      if (!trusted) {
        return { ok: false, error: { code: 'FORBIDDEN', message: `${operation} refused: the sender is not the Switchboard window` } };
      }
      const result = await dispatchOperation(core, operation, request);
      if (event.sender !== undefined && (operation === 'attachMediaEngine' || operation === 'detachMediaEngine')) ownersOf(event.sender).noteOperation(operation, request, result);
      return result;
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
