/**
 * Pushes the core's events to a renderer: `switchboard:event:<name>` carrying only the payload, which
 * preload hands to the `on<Event>` listeners.
 */
import { DESKTOP_EVENTS, type EventName } from '../../common/desktop-api';
import { eventChannel } from '../../common/desktop-channels';
import type { DesktopCorePort } from './core-port';

/** The slice of Electron's WebContents this module uses. */
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/**
 * Sends one known event; a window that is gone is skipped, not an error. Payloads come from the trusted
 * core and are not re-validated here (an item list can be large, and a dropped event is worse than none).
 */
export function sendEvent(target: EventTarget, event: EventName, payload: unknown): boolean {
  if (!Object.prototype.hasOwnProperty.call(DESKTOP_EVENTS, event)) return false;
  if (target.isDestroyed()) return false;
  try {
    target.send(eventChannel(event), payload);
    return true;
  } catch {
    // The window went away between the check and the send: nothing to deliver to, as the result says.
    return false;
  }
}

/** Forwards every core event to the target until the returned function is called. */
export function forwardCoreEvents(core: DesktopCorePort, target: EventTarget): () => void {
  return core.subscribe((event, payload) => {
    sendEvent(target, event, payload);
  });
}
