/**
 * Progressive dial (seed 000's Outbound section): a running campaign keeps one waiting outbound call per
 * agent of its queue who could take a call now; each is offered for Dial / Skip like a callback.
 */
import type { Campaign, CreateCampaignRequest } from '../../common/api';
import { SwitchboardError } from '../../common/errors';
import { newWorkItem } from '../../common/lifecycle';
import type { Principal } from '../auth/principal';
import { requireCampaignQueue } from './access';
import { newId, type Core } from './core';
import type { WorkItemService } from './workitems';

interface CampaignRow {
  campaignId: string;
  name: string;
  queueId: string;
  state: Campaign['state'];
  total: number;
  nextIndex: number;
  createdAt: number;
}

export class CampaignService {
  private readonly insertCampaign;
  private readonly insertEntry;
  private readonly getCampaign;
  private readonly running;
  private readonly setState;
  private readonly advance;
  private readonly entryAt;
  private readonly linkEntry;
  private readonly waitingOf;
  private readonly runningIds;
  /**
   * The campaigns whose state is 'running', kept beside their rows (loaded at start, updated on start, stop
   * and finish, read again after a rollback): the router feeds before every pass, and a pass with no
   * running campaign — the usual case — must cost no SQL.
   */
  private readonly runningNow = new Set<string>();

  constructor(
    private readonly core: Core,
    private readonly workitems: WorkItemService,
    /** ask the router to run (it feeds running campaigns first) */
    private readonly poke: () => void,
  ) {
    const db = core.db;
    this.insertCampaign = db.prepare(`INSERT INTO campaigns (campaignId, tenant, name, queueId, state, total, nextIndex, createdBy, createdAt) VALUES (?, ?, ?, ?, 'created', ?, 0, ?, ?)`);
    this.insertEntry = db.prepare(`INSERT INTO campaign_entries (campaignId, idx, phone, name) VALUES (?, ?, ?, ?)`);
    this.getCampaign = db.prepare<[string, string], CampaignRow>(`SELECT campaignId, name, queueId, state, total, nextIndex, createdAt FROM campaigns WHERE campaignId = ? AND tenant = ?`);
    this.running = db.prepare<[string], CampaignRow>(`SELECT campaignId, name, queueId, state, total, nextIndex, createdAt FROM campaigns WHERE tenant = ? AND state = 'running'`);
    this.setState = db.prepare(`UPDATE campaigns SET state = ? WHERE campaignId = ?`);
    this.advance = db.prepare(`UPDATE campaigns SET nextIndex = nextIndex + 1, state = CASE WHEN nextIndex + 1 >= total THEN 'finished' ELSE state END WHERE campaignId = ?`);
    this.entryAt = db.prepare<[string, number], { phone: string; name: string | null }>(`SELECT phone, name FROM campaign_entries WHERE campaignId = ? AND idx = ?`);
    this.linkEntry = db.prepare(`UPDATE campaign_entries SET workitemId = ? WHERE campaignId = ? AND idx = ?`);
    this.waitingOf = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM items WHERE campaignId = ? AND state = 'inqueue'`);
    this.runningIds = db.prepare<[string], string>(`SELECT campaignId FROM campaigns WHERE tenant = ? AND state = 'running'`).pluck();
    this.loadRunning();
    core.onRollback(() => this.loadRunning());
  }

  private loadRunning(): void {
    this.runningNow.clear();
    for (const id of this.runningIds.all(this.core.tenant)) this.runningNow.add(id);
  }

  private view(row: CampaignRow): Campaign {
    return { campaignId: row.campaignId, name: row.name, queueId: row.queueId, state: row.state, total: row.total, remaining: row.total - row.nextIndex, createdAt: row.createdAt };
  }

  create(principal: Principal, body: CreateCampaignRequest): Campaign {
    const core = this.core;
    if (!core.queues.has(body.queueId)) throw new SwitchboardError('VALIDATION_FAILED', `queueId: unknown queue "${body.queueId}"`, [{ path: 'queueId', message: `unknown queue "${body.queueId}"` }]);
    requireCampaignQueue(principal, body.queueId);
    const max = core.config.limits.campaignEntries;
    if (body.entries.length > max) throw new SwitchboardError('VALIDATION_FAILED', `entries: a campaign holds at most ${max} entries (config limits.campaignEntries)`, [{ path: 'entries', message: `at most ${max} entries` }]);
    const id = newId('cmp');
    this.insertCampaign.run(id, core.tenant, body.name, body.queueId, body.entries.length, principal.username, core.now());
    body.entries.forEach((e, i) => this.insertEntry.run(id, i, e.phone, e.name ?? null));
    return this.get(id);
  }

  /** The campaign, for someone who supervises its queue (404 before 403: an id tells nothing). */
  getFor(principal: Principal, id: string): Campaign {
    const campaign = this.get(id);
    requireCampaignQueue(principal, campaign.queueId);
    return campaign;
  }

  private get(id: string): Campaign {
    const row = this.getCampaign.get(id, this.core.tenant);
    if (!row) throw new SwitchboardError('NOT_FOUND', `campaign ${id} does not exist`);
    return this.view(row);
  }

  start(principal: Principal, id: string): Campaign {
    const c = this.getFor(principal, id);
    if (c.state === 'created' || c.state === 'stopped') {
      const state = c.remaining === 0 ? 'finished' : 'running';
      this.setState.run(state, id);
      if (state === 'running') this.runningNow.add(id);
    }
    this.core.markQueueChanged(c.queueId);
    this.poke();
    return this.get(id);
  }

  /** Stop feeding; calls already waiting in the queue are withdrawn (closed CANCELLED). */
  stop(principal: Principal, id: string): Campaign {
    const core = this.core;
    const c = this.getFor(principal, id);
    if (c.state === 'running' || c.state === 'created') this.setState.run('stopped', id);
    this.runningNow.delete(id);
    const waiting = core.db.prepare<[string], { workitemId: string }>(`SELECT workitemId FROM items WHERE campaignId = ? AND state = 'inqueue'`).all(id);
    for (const { workitemId } of waiting) {
      const stored = core.items.get(workitemId)!;
      core.save(stored, { ...stored, item: core.apply(stored.item, { type: 'close', by: 'system', reasonCode: 'CANCELLED' }), route: { ...stored.route, pool: null } });
    }
    return this.get(id);
  }

  /** Before each routing pass: one waiting call per agent who could take it. */
  feed(): void {
    if (this.runningNow.size === 0) return;
    const core = this.core;
    const campaigns = this.running.all(core.tenant);
    core.tx(() => {
      for (const c of campaigns) {
        const free = core.index.eligibleAgents(`queue:${c.queueId}`, 'voice');
        let waiting = this.waitingOf.get(c.campaignId)!.n;
        let next = c.nextIndex;
        while (waiting < free && next < c.total) {
          this.spawn(c, next);
          this.advance.run(c.campaignId);
          next++;
          waiting++;
        }
        // `advance` finished it with its last entry
        if (next >= c.total) this.runningNow.delete(c.campaignId);
      }
    });
  }

  private spawn(c: CampaignRow, idx: number): void {
    const core = this.core;
    const entry = this.entryAt.get(c.campaignId, idx)!;
    const now = core.now();
    const item = newWorkItem({
      workitemId: newId('wi'),
      type: 'call',
      createdAt: now,
      createdBy: 'system',
      direction: 'OUTBOUND',
      subType: 'progressive_dial',
      channelType: 'voice',
      queueId: c.queueId,
      subject: `${c.name}: ${entry.name ?? entry.phone}`,
      contact: { name: entry.name, phone: entry.phone, email: null },
    });
    core.create({ item, route: this.workitems.queueRoute(c.queueId, now), parentId: null, campaignId: c.campaignId, archived: false });
    this.linkEntry.run(item.workitemId, c.campaignId, idx);
  }
}
