/**
 * The signed-in agent's live (not final) items, mirrored on the core's loop, so the softphone can decide
 * at once whether an INVITE belongs to an item the agent has accepted — SIP signalling never waits on the
 * database thread. Kept current from the core's own `itemsChanged` events (every write of an item the
 * renderer hears of), and reloaded from the cache when sign-in changes or an event says "refresh
 * everything" (a big snapshot).
 */
import { FINAL_STATES } from '../../common/vocabulary';
import type { WorkItem } from '../../common/workitem';
import type { EventName, EventPayload } from '../../common/desktop-api';
import type { RemoteCache } from './db/protocol';
import { errorFields, type CoreLog } from './log/core-log';

const FINAL = new Set<string>(FINAL_STATES);

export class LiveItems {
  private readonly items = new Map<string, WorkItem>();
  /** bumped on every reload, so an older reload's answer is dropped */
  private generation = 0;

  constructor(
    private readonly cache: RemoteCache,
    private readonly username: () => string | null,
    private readonly log: CoreLog,
  ) {}

  get(workitemId: string): WorkItem | null {
    return this.items.get(workitemId) ?? null;
  }

  /** A core event: items that changed are taken in; an empty change means "reload". */
  observe(event: EventName, payload: unknown): void {
    if (event !== 'itemsChanged') return;
    const change = payload as EventPayload<'itemsChanged'>;
    if (change.items.length === 0 && change.removed.length === 0) {
      this.reload();
      return;
    }
    for (const id of change.removed) this.items.delete(id);
    for (const item of change.items) this.take(item);
  }

  /** Reload from the cache (sign-in changed, or a snapshot changed too much to list). */
  reload(): void {
    const generation = ++this.generation;
    const username = this.username();
    if (username === null) {
      this.items.clear();
      return;
    }
    this.cache.listLiveItems(username).then(
      (items) => {
        if (generation !== this.generation) return;
        this.items.clear();
        for (const item of items) this.take(item);
      },
      // The mirror stays as it was; the next change or reload corrects it.
      (error: unknown) => this.log.warn(errorFields(error), 'live items: reloading from the cache failed'),
    );
  }

  private take(item: WorkItem): void {
    if (item.agentUsername === this.username() && !FINAL.has(item.state)) this.items.set(item.workitemId, item);
    else this.items.delete(item.workitemId);
  }
}
