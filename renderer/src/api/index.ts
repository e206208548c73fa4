/**
 * The renderer's one way to the desktop core. In Electron, preload has put the typed API on
 * `window.switchboard`; in browser mode the page talks to the host that served it over its WebSocket
 * (the launch cookie, set when the printed URL was opened, authenticates the upgrade).
 */
import type { SwitchboardApi } from '../../../common/desktop-api';
import { BROWSER_API_PATH } from '../../../common/desktop-channels';
import { createWebSocketSwitchboard } from './websocket-switchboard';

declare global {
  interface Window {
    switchboard?: SwitchboardApi;
  }
}

let browserTransport: SwitchboardApi | null = null;

export function getSwitchboard(): SwitchboardApi {
  if (typeof window !== 'undefined' && window.switchboard) return window.switchboard;
  browserTransport ??= createWebSocketSwitchboard({ url: browserApiUrl(window.location) });
  return browserTransport;
}

export function browserApiUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${BROWSER_API_PATH}`;
}

export { createWebSocketSwitchboard } from './websocket-switchboard';
export type { WebSocketSwitchboard, WebSocketLike } from './websocket-switchboard';
