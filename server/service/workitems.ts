/**
 * The work-item operations behind the HTTP routes: creation (PUSH, PULL, team), the agent's actions,
 * transfer and conference, tasks, archiving. Each runs inside the caller's transaction (core.tx) and
 * changes state only through common/lifecycle.
 */
import type { CreateCallbackRequest, CreateWorkItemRequest, DispositionRequest, TargetRequest } from '../../common/api';
import { SwitchboardError } from '../../common/errors';
import { availableActions } from '../../common/actions';
import { newWorkItem } from '../../common/lifecycle';
import { CAPACITY_BUCKET_OF_KIND, type TaskStatus } from '../../common/vocabulary';
import type { WorkItem } from '../../common/workitem';
import type { Principal } from '../auth/principal';
import { NO_ROUTE, type Route, type StoredItem } from '../store/items';
import { checkVersion, requireActor, requireAgentTarget, requireQueueEntry, requireTeamTarget } from './access';
import { newId, type Core } from './core';
import type { Router } from './router';

function fieldError(path: string, message: string): SwitchboardError {
  return new SwitchboardError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);
}

export class WorkItemService {
  /**
   * Calls whose media the SIP edge confirms (server/telephony: the agent's leg answering moves them to
   * active); accepting one leaves it `accepted` until then. Without an edge, nothing is.
   */
  mediaConfirmedByEdge: (workitemId: string) => boolean = () => false;

  constructor(
    private readonly core: Core,
    private readonly router: Router,
  ) {
    core.onCommit(() => router.poke());
    core.onSave((stored) => this.endConferenceOf(stored));
  }

  // ---- routes ----------------------------------------------------------------------------------------

  queueRoute(queueId: string, orderAt: number): Route {
    const queue = this.core.queues.get(queueId)!;
    return { pool: `queue:${queueId}`, orderAt, readyAt: null, deadlineAt: orderAt + queue.ttlSeconds * 1000, skippedBy: null };
  }

  private requireQueue(queueId: string, path = 'queueId') {
    const queue = this.core.queues.get(queueId);
    if (!queue) throw fieldError(path, `unknown queue "${queueId}"; known: ${[...this.core.queues.keys()].join(', ') || 'none'}`);
    return queue;
  }

  private requireAgent(username: string, path: string) {
    const agent = this.core.agents.get(username);
    if (!agent || agent.channel) throw fieldError(path, `unknown agent "${username}"`);
    return agent;
  }

  private requireTeam(team: string, path: string) {
    if (![...this.core.agents.values()].some((a) => a.teams.includes(team))) throw fieldError(path, `unknown team "${team}"`);
  }

  /** Who the item goes to, checked: it exists, and the caller may give work to it (service/access). */
  private checkAssignee(principal: Principal, assignee: { agentUsername?: string; team?: string }, prefix: string): void {
    if (assignee.agentUsername !== undefined) {
      const path = `${prefix}agentUsername`;
      requireAgentTarget(principal, this.requireAgent(assignee.agentUsername, path), path);
    }
    if (assignee.team !== undefined) {
      const path = `${prefix}team`;
      this.requireTeam(assignee.team, path);
      requireTeamTarget(principal, assignee.team, path);
    }
  }

  // ---- creation ----------------------------------------------------------------------------------------

  /** POST /v1/workitems: queueId → PUSH; assignee.agentUsername → PULL (active, AGENT); team → any member. */
  create(principal: Principal, body: CreateWorkItemRequest): WorkItem {
    const core = this.core;
    const now = core.now();
    if (body.queueId !== undefined) {
      this.requireQueue(body.queueId);
      requireQueueEntry(principal, body.queueId);
    }
    // A channel injects customers' work into queues; handing it to people is the router's job.
    if (body.assignee !== undefined && principal.channel) throw new SwitchboardError('FORBIDDEN', `${principal.username} is a channel: give a queueId, not an assignee`, [{ path: 'assignee', message: 'channels route through queues' }]);
    if (body.assignee !== undefined) this.checkAssignee(principal, body.assignee, 'assignee.');
    const common = {
      workitemId: newId('wi'),
      type: body.type,
      createdAt: now,
      createdBy: principal.username,
      subType: body.subType,
      channel: body.channel,
      channelType: body.channelType,
      direction: body.direction,
      priority: body.priority,
      subject: body.subject,
      description: body.description,
      dueAt: body.dueAt,
      queueId: body.queueId,
      contact: { name: body.contact?.name ?? null, phone: body.contact?.phone ?? null, email: body.contact?.email ?? null },
      conversationId: body.conversationId ?? (body.type === 'chat' ? newId('conv') : undefined),
      ...(body.type === 'chat' ? { unread: 0 } : {}),
    };
    let stored: StoredItem;
    const pullTo = body.assignee?.agentUsername ?? (body.assignee === undefined && body.queueId === undefined && !principal.channel ? principal.username : undefined);
    if (pullTo !== undefined) {
      // PULL: the agent is known, no routing (seed 003).
      const item = newWorkItem({ ...common, mode: 'AGENT', state: 'active', agentUsername: pullTo, assignedAt: now });
      stored = { item, route: NO_ROUTE, parentId: null, campaignId: null, archived: false };
    } else if (body.assignee?.team !== undefined) {
      const item = newWorkItem({ ...common, mode: 'AGENT', team: body.assignee.team });
      stored = { item, route: { ...NO_ROUTE, pool: `team:${body.assignee.team}`, orderAt: now }, parentId: null, campaignId: null, archived: false };
    } else if (body.queueId !== undefined) {
      const item = newWorkItem({ ...common, mode: 'QUEUE' });
      stored = { item, route: this.queueRoute(body.queueId, now), parentId: null, campaignId: null, archived: false };
    } else {
      throw fieldError('queueId', 'give a queueId or an assignee');
    }
    return core.create(stored).item;
  }

  /** POST /v1/callbacks: an outbound item, ready at scheduledAt (or now), offered for Dial / Skip. */
  createCallback(principal: Principal, body: CreateCallbackRequest): WorkItem {
    const core = this.core;
    const now = core.now();
    const queueId = body.queueId ?? principal.agent?.queues[0] ?? [...principal.supervisedQueues][0] ?? core.config.queues[0]?.id;
    if (queueId === undefined) throw fieldError('queueId', 'no queue to route the callback to; give a queueId');
    this.requireQueue(queueId);
    requireQueueEntry(principal, queueId);
    const readyAt = body.scheduledAt !== undefined && body.scheduledAt > now ? body.scheduledAt : now;
    const item = newWorkItem({
      workitemId: newId('wi'),
      type: 'callback',
      createdAt: now,
      createdBy: principal.username,
      channel: body.channel,
      priority: body.priority,
      queueId,
      direction: 'OUTBOUND',
      subject: body.name ? `Call back ${body.name}` : `Call back ${body.phone}`,
      contact: { name: body.name ?? null, phone: body.phone, email: null },
      callback: { phone: body.phone, name: body.name ?? null, reason: body.reason ?? null, scheduledAt: body.scheduledAt ?? null },
    });
    const route = { ...this.queueRoute(queueId, readyAt), readyAt };
    return core.create({ item, route, parentId: null, campaignId: null, archived: false }).item;
  }

  // ---- the agent's actions ---------------------------------------------------------------------------

  private actOn(principal: Principal, id: string, expectedVersion: number | undefined): StoredItem {
    const stored = this.core.load(id);
    requireActor(principal, stored.item);
    checkVersion(stored.item, expectedVersion);
    return stored;
  }

  accept(principal: Principal, id: string, expectedVersion?: number): WorkItem {
    const core = this.core;
    let stored = this.actOn(principal, id, expectedVersion);
    // A team's item may be taken by any member who is there (seed 004 "any available member").
    if (stored.item.state === 'inqueue' && stored.route.pool?.startsWith('team:') && !principal.admin) {
      const expiresAt = core.now() + this.router.offerTimeoutMs(stored.item);
      const offered = core.apply(stored.item, { type: 'offer', by: principal.username, agentUsername: principal.username, expiresAt });
      stored = core.save(stored, { ...stored, item: offered });
    }
    let item = core.apply(stored.item, { type: 'accept', by: principal.username });
    if (item.state === 'accepted' && !core.config.callMediaConfirmation && !this.mediaConfirmedByEdge(item.workitemId)) item = core.apply(item, { type: 'media_up', by: 'system' });
    return core.save(stored, { ...stored, item, route: NO_ROUTE }).item;
  }

  /** The desktop reports the call's media is up (only with callMediaConfirmation). */
  mediaUp(principal: Principal, id: string, expectedVersion?: number): WorkItem {
    const stored = this.actOn(principal, id, expectedVersion);
    return this.core.save(stored, { ...stored, item: this.core.apply(stored.item, { type: 'media_up', by: principal.username }) }).item;
  }

  decline(principal: Principal, id: string, expectedVersion?: number): WorkItem {
    const stored = this.actOn(principal, id, expectedVersion);
    if (stored.item.state !== 'offered') this.core.apply(stored.item, { type: 'decline', by: principal.username }); // throws the lifecycle's 409
    return this.router.rona(stored, 'decline', principal.username).item;
  }

  hold(principal: Principal, id: string, hold: boolean, expectedVersion?: number): WorkItem {
    const stored = this.actOn(principal, id, expectedVersion);
    const item = this.core.apply(stored.item, { type: hold ? 'hold' : 'resume', by: principal.username });
    return this.core.save(stored, { ...stored, item }).item;
  }

  hangup(principal: Principal, id: string, expectedVersion?: number): WorkItem {
    const core = this.core;
    const stored = this.actOn(principal, id, expectedVersion);
    const wrapUp = core.queueFor(stored.item)?.wrapUpTimeoutSeconds ?? core.config.defaults.wrapUpTimeoutSeconds;
    const item = core.apply(stored.item, { type: 'hangup', by: principal.username, wrapUpExpiresAt: core.now() + wrapUp * 1000 });
    return core.save(stored, { ...stored, item }).item;
  }

  dispositionCodes(queueId: string | null): { queueId: string | null; codes: string[]; labels: Record<string, string>; autoDispositionCode: string | null } {
    if (queueId !== null) {
      const q = this.core.queues.get(queueId)!;
      return { queueId, codes: q.dispositionCodes, labels: q.dispositionLabels, autoDispositionCode: q.autoDispositionCode };
    }
    const codes = [...new Set(this.core.config.queues.flatMap((q) => q.dispositionCodes))];
    // Every queue's codes: a code two queues label differently shows the first queue's label.
    const labels = Object.fromEntries(this.core.config.queues.flatMap((q) => Object.entries(q.dispositionLabels)).reverse());
    return { queueId: null, codes, labels, autoDispositionCode: this.core.config.defaults.autoDispositionCode };
  }

  disposition(principal: Principal, id: string, body: DispositionRequest): WorkItem {
    const core = this.core;
    const stored = this.actOn(principal, id, body.expectedVersion);
    const allowed = this.dispositionCodes(stored.item.queueId !== null && core.queues.has(stored.item.queueId) ? stored.item.queueId : null).codes;
    if (stored.item.state === 'terminated' && allowed.length > 0 && !allowed.includes(body.code)) {
      throw fieldError('code', `"${body.code}" is not a disposition code of ${stored.item.queueId ?? 'this item'}; use one of ${allowed.join(', ')}`);
    }
    const item = core.apply(stored.item, { type: 'disposition', by: principal.username, code: body.code, notes: body.notes });
    return core.save(stored, { ...stored, item }).item;
  }

  dial(principal: Principal, id: string, expectedVersion?: number): WorkItem {
    const stored = this.actOn(principal, id, expectedVersion);
    const item = this.core.apply(stored.item, { type: 'dial', by: principal.username });
    return this.core.save(stored, { ...stored, item, route: NO_ROUTE }).item;
  }

  /** Skip: to the next available agent, or the back of its queue. */
  skip(principal: Principal, id: string, expectedVersion?: number): WorkItem {
    const stored = this.actOn(principal, id, expectedVersion);
    const agent = stored.item.agentUsername;
    const item = this.core.apply(stored.item, { type: 'skip', by: principal.username });
    const route: Route = { ...stored.route, orderAt: this.core.now(), skippedBy: agent };
    return this.core.save(stored, { ...stored, item, route }).item;
  }

  // ---- transfer and conference ------------------------------------------------------------------------

  private targetOf(principal: Principal, stored: StoredItem, body: TargetRequest) {
    if (body.queueId !== undefined) return { queueId: this.requireQueue(body.queueId).id };
    const agent = this.requireAgent(body.agentUsername!, 'agentUsername');
    if (agent.username === stored.item.agentUsername) throw fieldError('agentUsername', 'the item is already with this agent');
    return { agentUsername: agent.username };
  }

  /** The new item a transfer or conference raises: a copy of the interaction, routed to the target. */
  private spawn(principal: Principal, original: WorkItem, direction: 'DIRECT_TRANSFER' | 'DIRECT_CONFERENCE', target: { queueId?: string; agentUsername?: string }, parentId: string | null): StoredItem {
    const core = this.core;
    const now = core.now();
    const queueId = target.queueId ?? original.queueId;
    const toAgent = target.agentUsername;
    // Seed 003: a named-agent item is reserved for the target at once (never queued) when the target is
    // available for routing; otherwise it is closed RONA with a NO_AGENT_AVAILABLE notice.
    const reachable = toAgent !== undefined && this.canTakeNow(toAgent, original);
    const offerTimeoutMs = this.router.offerTimeoutMs(original);
    const item = newWorkItem({
      ...(reachable ? { state: 'offered' as const, agentUsername: toAgent, offeredAt: now, offerExpiresAt: now + offerTimeoutMs } : {}),
      workitemId: newId('wi'),
      type: original.type,
      createdAt: now,
      createdBy: principal.username,
      channel: original.channel,
      channelType: original.channelType,
      subType: original.subType,
      priority: original.priority,
      subject: original.subject,
      description: original.description,
      dueAt: original.dueAt,
      contact: original.contact,
      callback: original.callback,
      conversationId: original.conversationId ?? undefined,
      queueId: queueId ?? undefined,
      direction,
      mode: target.agentUsername !== undefined ? 'AGENT' : 'QUEUE',
      status: original.status ?? undefined,
      ...(original.type === 'chat' ? { unread: 0 } : {}),
    });
    const route: Route = toAgent !== undefined ? { ...NO_ROUTE, pool: `agent:${toAgent}`, orderAt: now } : this.queueRoute(target.queueId!, now);
    const created = core.create({ item, route, parentId, campaignId: null, archived: false });
    if (toAgent === undefined) return created;
    if (reachable) {
      core.emit('workitem.offered', [`agent:${toAgent}`], { workitem: item, offer: { expiresAt: item.offerExpiresAt, agentUsername: toAgent } });
      return created;
    }
    return this.router.closeUnanswered(created, toAgent);
  }

  private canTakeNow(username: string, item: WorkItem): boolean {
    const agent = this.core.index.agent(username);
    const bucket = CAPACITY_BUCKET_OF_KIND[item.type];
    return agent !== undefined && agent.available && agent.used[bucket] < agent.capacity[bucket];
  }

  transfer(principal: Principal, id: string, body: TargetRequest): { original: WorkItem; created: WorkItem } {
    const core = this.core;
    const stored = this.actOn(principal, id, body.expectedVersion);
    const target = this.targetOf(principal, stored, body);
    const closed = core.apply(stored.item, { type: 'transfer', by: principal.username, target: target as never });
    // Seed 003: WRAP_UP with TRANSFERRED, then CLOSED — stored and published as two steps.
    const wrapUpEntry = closed.timeEvents[stored.item.timeEvents.length];
    const wrapUp: WorkItem = { ...closed, state: 'terminated', timeEvents: [...stored.item.timeEvents, wrapUpEntry] };
    wrapUp.actions = availableActions(wrapUp);
    const inWrapUp = core.save(stored, { ...stored, item: wrapUp });
    const original = core.save(inWrapUp, { ...inWrapUp, item: { ...closed, version: wrapUp.version + 1 } }).item;
    const created = this.spawn(principal, stored.item, 'DIRECT_TRANSFER', target, null).item;
    return { original, created };
  }

  conference(principal: Principal, id: string, body: TargetRequest): { original: WorkItem; created: WorkItem } {
    const core = this.core;
    const stored = this.actOn(principal, id, body.expectedVersion);
    const target = this.targetOf(principal, stored, body);
    const item = core.apply(stored.item, { type: 'conference', by: principal.username, target: target as never });
    const original = core.save(stored, { ...stored, item }).item;
    const created = this.spawn(principal, stored.item, 'DIRECT_CONFERENCE', target, stored.item.workitemId).item;
    return { original, created };
  }

  /** When a conference leg ends, the item it was raised from is the agent's alone again. */
  endConferenceOf(child: StoredItem): void {
    if (!child.parentId) return;
    const ended = ['terminated', 'dispositioned', 'closed'].includes(child.item.state);
    if (!ended) return;
    const parent = this.core.items.get(child.parentId);
    if (!parent || parent.item.state !== 'conference') return;
    this.core.save(parent, { ...parent, item: this.core.apply(parent.item, { type: 'conference_end', by: 'system' }) });
  }

  // ---- tasks ------------------------------------------------------------------------------------------------

  assign(principal: Principal, id: string, body: { agentUsername?: string; team?: string; expectedVersion?: number }): WorkItem {
    const core = this.core;
    const stored = this.actOn(principal, id, body.expectedVersion);
    this.checkAssignee(principal, body, '');
    const assignee = body.agentUsername !== undefined ? { agentUsername: body.agentUsername } : { team: body.team! };
    const item = core.apply(stored.item, { type: 'assign', by: principal.username, assignee });
    let route = stored.route;
    if (item.state === 'inqueue') route = { ...NO_ROUTE, pool: item.agentUsername ? `agent:${item.agentUsername}` : `team:${item.team}`, orderAt: stored.route.orderAt ?? item.createdAt };
    return core.save(stored, { ...stored, item, route }).item;
  }

  setStatus(principal: Principal, id: string, status: TaskStatus, expectedVersion?: number): WorkItem {
    const stored = this.actOn(principal, id, expectedVersion);
    const item = this.core.apply(stored.item, { type: 'set_status', by: principal.username, status });
    return this.core.save(stored, { ...stored, item }).item;
  }

  /** DELETE: archived items leave every list and GET (404); a live one is closed ARCHIVED first. */
  archive(principal: Principal, id: string): void {
    const core = this.core;
    const stored = core.load(id);
    requireActor(principal, stored.item);
    let item = stored.item;
    if (item.state !== 'dispositioned' && item.state !== 'closed') item = core.apply(item, { type: 'close', by: principal.username, reasonCode: 'ARCHIVED' });
    else item = { ...item, version: item.version + 1, timeEvents: [...item.timeEvents, { type: 'archived', timestamp: core.now(), userId: principal.username, detail: {} }] };
    core.save(stored, { ...stored, item, route: NO_ROUTE, archived: true });
  }
}
