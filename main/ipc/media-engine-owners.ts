/**
 * The media engines one connection attached — a browser tab's WebSocket, an Electron window's renderer —
 * so that when the connection dies without detaching them (a renderer that crashed or was killed runs no
 * `pagehide`) the transport detaches them for it at once. Otherwise main would keep sending media requests
 * to an engine that is gone and learn it only from each request's 15 s timeout, with the call's audio
 * gone meanwhile and a new call's INVITE sent to nobody instead of refused.
 */
import type { ApiResult } from '../../common/desktop-api';
import { engineAttachmentChange } from '../../common/softphone-api';
import type { DesktopCorePort } from './core-port';
import { dispatchOperation } from './dispatch';

export class MediaEngineOwners {
  private readonly engines = new Set<string>();

  constructor(private readonly core: DesktopCorePort) {}

  /** Called with each operation this connection made and its result (after the core answered it). */
  noteOperation(operation: unknown, request: unknown, result: ApiResult<unknown>): void {
    const change = engineAttachmentChange(operation, request, result);
    if (change?.attached) this.engines.add(change.engineId);
    else if (change) this.engines.delete(change.engineId);
  }

  /** The connection is gone: what it attached is detached (the core ignores an engine already replaced). */
  async connectionLost(): Promise<void> {
    const engines = [...this.engines];
    this.engines.clear();
    for (const engineId of engines) await dispatchOperation(this.core, 'detachMediaEngine', { engineId });
  }
}
