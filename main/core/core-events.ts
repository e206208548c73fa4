/** The core's pushed events (common/desktop-api.ts DESKTOP_EVENTS) to whoever subscribed: IPC, browser mode, tests. */
import type { EventName, EventPayload } from '../../common/desktop-api';
import { errorFields, silentLog, type CoreLog } from './log/core-log';

export type CoreListener = (event: EventName, payload: unknown) => void;
export type Emit = <N extends EventName>(event: N, payload: EventPayload<N>) => void;

export class CoreEvents {
  private readonly listeners = new Set<CoreListener>();

  constructor(private readonly log: CoreLog = silentLog()) {}

  subscribe(listener: CoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly emit: Emit = (event, payload) => {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload);
      } catch (error) {
        // One broken subscriber (a closed window) must not stop the others or the core.
        this.log.warn({ event, ...errorFields(error) }, 'core events: a subscriber failed');
      }
    }
  };
}
