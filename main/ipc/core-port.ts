/**
 * What the transports (Electron IPC, browser-mode WebSocket) need from the desktop core. Structural, so
 * the transports and their tests do not depend on how main/core/ is built.
 */
import type { ApiResult, EventName } from '../../common/desktop-api';

export interface DesktopCorePort {
  invoke(name: string, request: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}
