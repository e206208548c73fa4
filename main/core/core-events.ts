/** The core's pushed events (common/desktop-api.ts DESKTOP_EVENTS) to whoever subscribed: IPC, browser mode, tests. */
import type { EventName, EventPayload } from '../../common/desktop-api';

export type CoreListener = (event: EventName, payload: unknown) => void;
export type Emit = <N extends EventName>(event: N, payload: EventPayload<N>) => void;

export class CoreEvents {
  private readonly listeners = new Set<CoreListener>();

  subscribe(listener: CoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly emit: Emit = (event, payload) => {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload);
      } catch {
        // one broken subscriber (a closed window) must not stop the others or the core
      }
    }
  };
}
