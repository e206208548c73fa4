/**
 * Seed 003's router around the pure decision (routing/routing-index.ts `decideNext`): it makes offers,
 * handles RONA (decline and offer timeout), TTL, wrap-up timeout and scheduled callbacks becoming ready.
 * Routing runs just before the commit of the changes that made it possible, inside that transaction (a
 * routing pass is one savepoint, so a failing pass never undoes those changes), and otherwise soon after
 * (setImmediate), in passes of at most BATCH offers.
 */
import type { TimeEvent, WorkItem } from '../../common/workitem';
import type { RoutingDecision } from '../routing/routing-index';
import type { StoredItem } from '../store/items';
import type { Core } from './core';
import type { Deadline } from './scheduler';

const BATCH = 256;

export class Router {
  private scheduled = false;
  private stopped = false;
  private readonly feeders: Array<() => void> = [];

  constructor(private readonly core: Core) {
    // Offers made possible by a batch of changes join that batch's commit.
    core.beforeCommit(() => this.run());
  }

  /** Something changed that may allow an offer: route soon. */
  poke(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.run();
    });
  }

  stop(): void {
    this.stopped = true;
  }

  /** Progressive-dial campaigns feed entries just before each routing pass. */
  addFeeder(feeder: () => void): void {
    this.feeders.push(feeder);
  }

  run(): void {
    if (this.stopped) return;
    for (const feed of this.feeders) feed();
    const core = this.core;
    if (!core.index.hasWork()) return;
    let made = 0;
    core.tx(() => {
      for (let decision = core.index.decideNext(); decision !== null && made < BATCH; decision = core.index.decideNext()) {
        this.offer(decision);
        made++;
      }
    });
    if (core.index.hasWork() && made >= BATCH) this.poke();
  }

  offerTimeoutMs(item: WorkItem): number {
    const q = this.core.queueFor(item);
    return 1000 * (q?.offerTimeoutSeconds ?? this.core.config.defaults.offerTimeoutSeconds);
  }

  private offer(decision: RoutingDecision): void {
    const core = this.core;
    const stored = core.items.get(decision.item.workitemId);
    if (!stored || stored.item.state !== 'inqueue' || stored.archived) {
      core.index.removeWaiting(decision.item.workitemId);
      return;
    }
    const expiresAt = core.now() + this.offerTimeoutMs(stored.item);
    const item = core.apply(stored.item, { type: 'offer', by: 'system', agentUsername: decision.agentUsername, expiresAt });
    core.save(stored, { ...stored, item }, [
      { type: 'workitem.offered', payload: { workitem: item, offer: { expiresAt, agentUsername: decision.agentUsername } }, audience: [`agent:${decision.agentUsername}`] },
    ]);
  }

  // ---- RONA --------------------------------------------------------------------------------------------

  /**
   * Decline or offer timeout: the offer is rescinded, the agent's presence becomes the queue's
   * ronaPresence (reason RONA), and the item goes back to its pool keeping its age — or, for a named-agent
   * transfer or conference, is closed RONA with a NO_AGENT_AVAILABLE notice.
   */
  rona(stored: StoredItem, kind: 'decline' | 'offer_timeout', by: string): StoredItem {
    const core = this.core;
    const agent = stored.item.agentUsername!;
    let item = core.apply(stored.item, { type: kind, by });
    let route = stored.route;
    // A transfer or conference to a named agent has no queue to go back to (seed 003).
    const toNamedAgent = (route.pool?.startsWith('agent:') ?? false) && (item.direction === 'DIRECT_TRANSFER' || item.direction === 'DIRECT_CONFERENCE');
    if (item.state === 'inqueue' && toNamedAgent) item = core.apply(item, { type: 'close', by: 'system', reasonCode: 'RONA' });
    else if (item.state === 'inqueue' && route.deadlineAt !== null && route.deadlineAt <= core.now()) item = core.apply(item, { type: 'ttl_expired', by: 'system' });
    if (item.state === 'closed' && item.reasonCode === 'RONA') item = withNotice(item, core.now(), { agentUsername: agent });
    if (item.state !== 'inqueue') route = { ...route, pool: null };
    const reason = kind === 'decline' ? 'RONA' : 'TIMEOUT';
    const after = core.save(stored, { ...stored, item, route }, [
      { type: 'workitem.offer_rescinded', payload: { workitem: item, offer: { reason, agentUsername: agent } }, audience: [`agent:${agent}`] },
    ]);
    const ronaPresence = core.queueFor(stored.item)?.ronaPresence ?? core.config.defaults.ronaPresence;
    core.setPresence(agent, ronaPresence, 'RONA');
    return after;
  }

  /** A named-agent item its target could not take: closed RONA with the NO_AGENT_AVAILABLE notice. */
  closeUnanswered(stored: StoredItem, agentUsername: string): StoredItem {
    const core = this.core;
    const closed = withNotice(core.apply(stored.item, { type: 'close', by: 'system', reasonCode: 'RONA' }), core.now(), { agentUsername });
    return core.save(stored, { ...stored, item: closed, route: { ...stored.route, pool: null } });
  }

  // ---- deadlines ------------------------------------------------------------------------------------------

  onDeadlines(due: Deadline[]): void {
    const core = this.core;
    for (const d of due) {
      try {
        core.tx(() => this.onDeadline(d));
      } catch (err) {
        core.log.error({ err, deadline: d }, 'deadline handler failed');
      }
    }
  }

  private onDeadline(d: Deadline): void {
    const core = this.core;
    const stored = core.items.get(d.workitemId);
    if (!stored || stored.archived) return;
    const { item, route } = stored;
    const now = core.now();
    switch (d.kind) {
      case 'offer':
        if (item.state === 'offered' && item.offerExpiresAt !== null && item.offerExpiresAt <= now) this.rona(stored, 'offer_timeout', 'system');
        return;
      case 'wrapup':
        if (item.state === 'terminated' && item.wrapUpExpiresAt !== null && item.wrapUpExpiresAt <= now) {
          const code = core.queueFor(item)?.autoDispositionCode ?? core.config.defaults.autoDispositionCode;
          core.save(stored, { ...stored, item: core.apply(item, { type: 'wrapup_timeout', by: 'system', code }) });
        }
        return;
      case 'deadline':
        // An item on offer is left to its offer; RONA checks the deadline when it comes back.
        if (item.state !== 'inqueue' || route.deadlineAt === null || route.deadlineAt > now) return;
        if (route.pool?.startsWith('agent:')) {
          this.closeUnanswered(stored, route.pool.slice('agent:'.length));
        } else {
          core.save(stored, { ...stored, item: core.apply(item, { type: 'ttl_expired', by: 'system' }), route: { ...route, pool: null } });
        }
        return;
      case 'ready':
        if (item.state === 'inqueue' && route.readyAt !== null && route.readyAt <= now) {
          const ready: WorkItem = { ...item, version: item.version + 1, timeEvents: [...item.timeEvents, { type: 'ready', timestamp: now, userId: 'system', detail: {} }] };
          core.save(stored, { ...stored, item: ready });
        }
        return;
    }
  }
}

/** Seed 003: a named-agent transfer nobody answered publishes NO_AGENT_AVAILABLE (in the activity log). */
function withNotice(item: WorkItem, now: number, detail: Record<string, unknown>): WorkItem {
  const notice: TimeEvent = { type: 'NO_AGENT_AVAILABLE', timestamp: now, userId: 'system', detail: { reasonCode: 'NO_AGENT_AVAILABLE', ...detail } };
  return { ...item, timeEvents: [...item.timeEvents, notice] };
}
