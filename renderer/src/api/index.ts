/**
 * The renderer's one way to the desktop core. In Electron, preload has put the typed API on
 * `window.switchboard`; in browser mode the page talks to the host that served it over its WebSocket
 * (the launch cookie, set when the printed URL was opened, authenticates the upgrade). Either way every
 * answer and event is checked against the contract before the app sees it (validated-switchboard.ts), and
 * while the media engine makes an offer or answer, the screen's own traffic waits (media-first-switchboard.ts).
 */
import type { SwitchboardApi } from '../../../common/desktop-api';
import { BROWSER_API_PATH } from '../../../common/desktop-channels';
import { errorReportOf, reporterFor } from '../ui/errorReporting';
import { mediaFirstSwitchboard } from './media-first-switchboard';
import { validatedSwitchboard } from './validated-switchboard';
import { createWebSocketSwitchboard } from './websocket-switchboard';

declare global {
  interface Window {
    switchboard?: SwitchboardApi;
  }
}

let checkedApi: SwitchboardApi | null = null;

export function getSwitchboard(): SwitchboardApi {
  if (checkedApi) return checkedApi;
  const transport = typeof window !== 'undefined' && window.switchboard ? window.switchboard : createWebSocketSwitchboard({ url: browserApiUrl(window.location) });
  // A violation is reported to the core's log over the transport itself (unchecked, so a malformed answer
  // to the report cannot start a loop of reports).
  const report = reporterFor(transport);
  // Call setup first: the screen's updates wait while the media engine answers (media-first-switchboard.ts).
  checkedApi = validatedSwitchboard(mediaFirstSwitchboard(transport), (violation) => report(errorReportOf(violation.kind, violation.name, violation.message)));
  return checkedApi;
}

/** The host's WebSocket, next to the page: browser mode serves everything under a per-launch path prefix. */
export function browserApiUrl(location: Pick<Location, 'protocol' | 'host' | 'pathname'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const directory = location.pathname.slice(0, location.pathname.lastIndexOf('/'));
  return `${scheme}//${location.host}${directory}${BROWSER_API_PATH}`;
}

export { createWebSocketSwitchboard } from './websocket-switchboard';
export type { WebSocketSwitchboard, WebSocketLike } from './websocket-switchboard';
