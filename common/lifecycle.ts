/**
 * The work-item lifecycle: one pure function, `transition(item, event, now)`, decides what every
 * LifecycleEvent does to a WorkItem (seeds 000, 001, 003; docs/domain.md). The platform applies it to
 * stored items, the desktop to its cache for optimistic updates, the renderer to predict buttons.
 *
 * ```
 *              decline, offer_timeout (RONA); skip (SKIPPED); assign (offer withdrawn)
 *          ┌─────────────────────────────────┐
 *          v                                 │
 *       inqueue ──────offer──────────────> offered ───accept (a call)───> accepted
 *                                            │                              │
 *                                            │ accept (other kinds), dial   │ media_up
 *                                            v                              │
 *               ┌──conference_end──────>  active  <─────────────────────────┘
 *               │                         │ │  ^
 *          conference <──conference───────┘ │  │
 *               ^                      hold │  │ resume
 *               │                           v  │
 *               └───────conference─────────  hold
 *
 *    accepted | active | hold | conference ──hangup──> terminated (Wrap-up)
 *    terminated ──disposition | wrapup_timeout (auto)──> dispositioned (Completed)
 *    accepted | active | hold | conference ──transfer──> (wrap-up) ──> closed TRANSFERRED
 *    inqueue | offered ──ttl_expired──> closed NO_AGENT_AVAILABLE
 *    offered ──decline | offer_timeout, on a named-agent transfer──> closed RONA
 *    any non-final state ──close──> closed (the event's reasonCode)
 *    any non-final state of a task, review, approval, email ──set_status resolved──> dispositioned COMPLETED
 * ```
 *
 * - RONA (decline, offer_timeout): back to `inqueue` with the agent and offer cleared and `createdAt`
 *   kept, so the item keeps its age in the queue; a named-agent transfer (DIRECT_TRANSFER + AGENT) has
 *   no queue to go back to and is closed RONA (seed 003).
 * - Callbacks and outbound calls are dialled or skipped, never accepted (actions.ts `isDialable`).
 * - `set_status` and `assign` never move an item except: status `resolved` completes it
 *   (dispositioned, COMPLETED), and assigning an offered item withdraws the offer (back to inqueue, so
 *   the router offers it to the new assignee).
 * - `dispositioned` and `closed` are final: every event on them is refused.
 *
 * Every success returns a new item (the input is never mutated) with `version` + 1, one or more
 * `timeEvents` entries `{type, timestamp: now, userId: event.by, detail: {from, to, ...}}` and `actions`
 * recomputed. Every refusal is an ILLEGAL_TRANSITION whose message says what is wrong and what to do.
 */
import { availableActions, hasTaskStatus, isDialable } from './actions';
import { SwitchboardError } from './errors';
import type { AssigneeTarget, LifecycleEvent, LifecycleEventType, TransferTarget } from './lifecycle-events';
import {
  DEFAULT_CHANNEL_TYPE,
  DEFAULT_PRIORITY,
  FINAL_STATES,
  TASK_LIKE_KINDS,
  type Kind,
  type ReasonCode,
  type State,
} from './vocabulary';
import { EMPTY_CONTACT, type TimeEvent, type WorkItem } from './workitem';

export type LifecycleError = {
  code: 'ILLEGAL_TRANSITION';
  message: string;
  from: State;
  event: LifecycleEventType;
};

export type TransitionResult = { ok: true; item: WorkItem } | { ok: false; error: LifecycleError };

/** The contract error (409 ILLEGAL_TRANSITION) for a refused transition. */
export function toSwitchboardError(error: LifecycleError): SwitchboardError {
  return new SwitchboardError('ILLEGAL_TRANSITION', error.message);
}

/** The activity-log entry type each event writes (transfer writes `wrapup` then `closed`). */
export const TIME_EVENT_TYPE: Record<LifecycleEventType, string> = {
  offer: 'offered',
  accept: 'accepted',
  media_up: 'connected',
  decline: 'declined',
  offer_timeout: 'offer_timeout',
  ttl_expired: 'ttl_expired',
  hold: 'held',
  resume: 'resumed',
  conference: 'conference',
  conference_end: 'conference_ended',
  hangup: 'hangup',
  disposition: 'dispositioned',
  wrapup_timeout: 'wrapup_timeout',
  transfer: 'wrapup',
  dial: 'dialled',
  skip: 'skipped',
  set_status: 'status',
  assign: 'assigned',
  close: 'closed',
};

// ---- refusals ------------------------------------------------------------------------------------------

const VERB: Record<LifecycleEventType, string> = {
  offer: 'offer',
  accept: 'accept',
  media_up: 'connect the media of',
  decline: 'decline',
  offer_timeout: 'time out the offer of',
  ttl_expired: 'expire',
  hold: 'hold',
  resume: 'resume',
  conference: 'conference',
  conference_end: 'end the conference on',
  hangup: 'hang up',
  disposition: 'disposition',
  wrapup_timeout: 'auto-disposition',
  transfer: 'transfer',
  dial: 'dial',
  skip: 'skip',
  set_status: 'change the status of',
  assign: 'assign',
  close: 'close',
};

const IN_STATE: Record<State, string> = {
  inqueue: 'waiting in a queue (inqueue)',
  offered: 'offered to an agent (offered)',
  accepted: 'accepted but not yet connected (accepted)',
  active: 'active',
  hold: 'on hold (hold)',
  conference: 'in a conference (conference)',
  terminated: 'in wrap-up (terminated)',
  dispositioned: 'completed (dispositioned)',
  closed: 'closed',
};

const KIND_PLURAL: Record<Kind, string> = {
  chat: 'chats',
  call: 'calls',
  task: 'tasks',
  callback: 'callbacks',
  review: 'reviews',
  approval: 'approvals',
  email: 'emails',
};

function withArticle(words: string): string {
  return /^[aeiou]/i.test(words) ? `an ${words}` : `a ${words}`;
}

function describeItem(item: WorkItem): string {
  return withArticle(item.type === 'call' && item.direction === 'OUTBOUND' ? 'outbound call' : item.type);
}

function listKinds(kinds: readonly Kind[]): string {
  const names = kinds.map((k) => KIND_PLURAL[k]);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

type Refusal = { refused: string };

/** Refused because of the state the item is in. */
function wrongState(item: WorkItem, event: LifecycleEvent): Refusal {
  return { refused: `cannot ${VERB[event.type]} a work item that is ${IN_STATE[item.state]}` };
}

/** Refused because of what the item is, with what to do instead. */
function wrongKind(item: WorkItem, event: LifecycleEvent, why: string): Refusal {
  return { refused: `cannot ${VERB[event.type]} ${describeItem(item)}: ${why}` };
}

// ---- changes -------------------------------------------------------------------------------------------

type Entry = { type: string; detail: Record<string, unknown> };
type Change = { fields: Partial<WorkItem>; entries: Entry[] };

/** A change to `to` with one log entry of the event's own type. */
function moveTo(item: WorkItem, event: LifecycleEvent, to: State, fields: Partial<WorkItem> = {}, detail: Record<string, unknown> = {}): Change {
  return {
    fields: { ...fields, state: to },
    entries: [{ type: TIME_EVENT_TYPE[event.type], detail: { from: item.state, to, ...detail } }],
  };
}

const OFFER_WITHDRAWN: Partial<WorkItem> = { agentUsername: null, offeredAt: null, offerExpiresAt: null };

function targetDetail(target: TransferTarget): Record<string, string> {
  return target.queueId !== undefined ? { queueId: target.queueId } : { agentUsername: target.agentUsername };
}

function assigneeFields(assignee: AssigneeTarget): Pick<WorkItem, 'agentUsername' | 'team'> {
  return assignee.agentUsername !== undefined
    ? { agentUsername: assignee.agentUsername, team: null }
    : { agentUsername: null, team: assignee.team };
}

/** Closing ends the interaction: record when, unless it already ended (closed from wrap-up). */
function closing(item: WorkItem, reasonCode: ReasonCode, now: number): Partial<WorkItem> {
  return {
    reasonCode,
    terminatedAt: item.terminatedAt ?? now,
    ...(item.state === 'offered' ? OFFER_WITHDRAWN : {}),
  };
}

/** Decline and offer timeout: seed 003's RONA. */
function rona(item: WorkItem, event: LifecycleEvent, now: number): Change | Refusal {
  if (item.state !== 'offered') return wrongState(item, event);
  const detail = { reasonCode: 'RONA', agentUsername: item.agentUsername };
  if (item.direction === 'DIRECT_TRANSFER' && item.mode === 'AGENT') {
    return moveTo(item, event, 'closed', closing(item, 'RONA', now), detail);
  }
  return moveTo(item, event, 'inqueue', OFFER_WITHDRAWN, detail);
}

const LIVE: readonly State[] = ['accepted', 'active', 'hold', 'conference'];

function decide(item: WorkItem, event: LifecycleEvent, now: number): Change | Refusal {
  const from = item.state;
  if (FINAL_STATES.includes(from)) return wrongState(item, event);

  switch (event.type) {
    case 'offer':
      if (from !== 'inqueue') return wrongState(item, event);
      return moveTo(
        item,
        event,
        'offered',
        { agentUsername: event.agentUsername, offeredAt: now, offerExpiresAt: event.expiresAt },
        { agentUsername: event.agentUsername, expiresAt: event.expiresAt },
      );

    case 'accept':
      if (from !== 'offered') return wrongState(item, event);
      if (isDialable(item)) return wrongKind(item, event, 'dial it or skip it');
      return moveTo(item, event, item.type === 'call' ? 'accepted' : 'active', { assignedAt: now, offerExpiresAt: null });

    case 'media_up':
      if (from !== 'accepted') return wrongState(item, event);
      return moveTo(item, event, 'active');

    case 'decline':
    case 'offer_timeout':
      return rona(item, event, now);

    case 'ttl_expired':
      if (from !== 'inqueue' && from !== 'offered') return wrongState(item, event);
      return moveTo(item, event, 'closed', closing(item, 'NO_AGENT_AVAILABLE', now), { reasonCode: 'NO_AGENT_AVAILABLE' });

    case 'hold':
      if (from !== 'active') return wrongState(item, event);
      return moveTo(item, event, 'hold');

    case 'resume':
      if (from !== 'hold') return wrongState(item, event);
      return moveTo(item, event, 'active');

    case 'conference':
      if (from !== 'active' && from !== 'hold') return wrongState(item, event);
      return moveTo(item, event, 'conference', {}, targetDetail(event.target));

    case 'conference_end':
      if (from !== 'conference') return wrongState(item, event);
      return moveTo(item, event, 'active');

    case 'hangup':
      if (!LIVE.includes(from)) return wrongState(item, event);
      return moveTo(item, event, 'terminated', { terminatedAt: now, wrapUpExpiresAt: event.wrapUpExpiresAt });

    case 'disposition':
      if (from !== 'terminated') return wrongState(item, event);
      return moveTo(
        item,
        event,
        'dispositioned',
        { disposition: { code: event.code, notes: event.notes ?? null, auto: false }, dispositionedAt: now },
        { code: event.code },
      );

    case 'wrapup_timeout':
      if (from !== 'terminated') return wrongState(item, event);
      return moveTo(
        item,
        event,
        'dispositioned',
        { disposition: { code: event.code, notes: null, auto: true }, dispositionedAt: now },
        { code: event.code, auto: true },
      );

    case 'transfer': {
      if (!LIVE.includes(from)) return wrongState(item, event);
      // Seed 003: the transferring agent's item is put into WRAP_UP with TRANSFERRED and then CLOSED.
      const target = targetDetail(event.target);
      return {
        fields: { state: 'closed', reasonCode: 'TRANSFERRED', terminatedAt: now, wrapUpExpiresAt: null },
        entries: [
          { type: 'wrapup', detail: { from, to: 'terminated', reasonCode: 'TRANSFERRED', ...target } },
          { type: 'closed', detail: { from: 'terminated', to: 'closed', reasonCode: 'TRANSFERRED' } },
        ],
      };
    }

    case 'dial':
      if (from !== 'offered') return wrongState(item, event);
      if (!isDialable(item)) return wrongKind(item, event, 'only callbacks and outbound calls are dialled; accept or decline it instead');
      return moveTo(item, event, 'active', { assignedAt: now, offerExpiresAt: null });

    case 'skip':
      if (from !== 'offered') return wrongState(item, event);
      if (!isDialable(item)) return wrongKind(item, event, 'only callbacks and outbound calls are skipped; decline it instead');
      return moveTo(item, event, 'inqueue', OFFER_WITHDRAWN, { reasonCode: 'SKIPPED', agentUsername: item.agentUsername });

    case 'set_status': {
      if (!hasTaskStatus(item.type)) {
        return wrongKind(item, event, 'only tasks, reviews, approvals and emails have a status');
      }
      const statusDetail = { fromStatus: item.status, toStatus: event.status };
      if (event.status === 'resolved') {
        return moveTo(
          item,
          event,
          'dispositioned',
          { status: 'resolved', reasonCode: 'COMPLETED', dispositionedAt: now, ...(from === 'offered' ? OFFER_WITHDRAWN : {}) },
          { ...statusDetail, reasonCode: 'COMPLETED' },
        );
      }
      return moveTo(item, event, from, { status: event.status }, statusDetail);
    }

    case 'assign': {
      if (!TASK_LIKE_KINDS.includes(item.type)) {
        return wrongKind(item, event, `only ${listKinds(TASK_LIKE_KINDS)} are assigned; transfer it instead`);
      }
      const assignee = assigneeFields(event.assignee);
      const detail = {
        fromAgentUsername: item.agentUsername,
        fromTeam: item.team,
        toAgentUsername: assignee.agentUsername,
        toTeam: assignee.team,
      };
      // The offer belonged to the previous assignee; the router offers the item afresh.
      if (from === 'offered') return moveTo(item, event, 'inqueue', { ...OFFER_WITHDRAWN, ...assignee }, detail);
      return moveTo(item, event, from, assignee, detail);
    }

    case 'close':
      return moveTo(item, event, 'closed', closing(item, event.reasonCode, now), { reasonCode: event.reasonCode });

    default: {
      const unknown: never = event;
      return { refused: `unknown lifecycle event ${JSON.stringify((unknown as { type?: unknown }).type)}` };
    }
  }
}

/** Apply `event` to `item` at `now` (Unix ms). Pure: the input item is never mutated. */
export function transition(item: WorkItem, event: LifecycleEvent, now: number): TransitionResult {
  const decision = decide(item, event, now);
  if ('refused' in decision) {
    return { ok: false, error: { code: 'ILLEGAL_TRANSITION', message: decision.refused, from: item.state, event: event.type } };
  }
  const entries: TimeEvent[] = decision.entries.map((entry) => ({
    type: entry.type,
    timestamp: now,
    userId: event.by,
    detail: entry.detail,
  }));
  const next: WorkItem = {
    ...item,
    ...decision.fields,
    timeEvents: [...item.timeEvents, ...entries],
    version: item.version + 1,
  };
  next.actions = availableActions(next);
  return { ok: true, item: next };
}

export type NewWorkItemInit = Partial<WorkItem> & {
  workitemId: string;
  type: Kind;
  createdAt: number;
  /** who created it (an agent's username, or `system`): the first activity-log entry */
  createdBy: string;
};

/**
 * A new work item with the defaults of the seeds: priority 5 (Normal), the kind's channel type,
 * INBOUND (a callback: OUTBOUND, since the agent places the call), QUEUE mode, waiting in a queue,
 * task status To Do for tasks, version 1 and a `created` entry. `actions` is always derived.
 */
export function newWorkItem(init: NewWorkItemInit): WorkItem {
  const { createdBy, ...rest } = init;
  // An explicit `undefined` (an optional request field passed straight through) means "use the default".
  const given = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Partial<WorkItem>;
  const base: WorkItem = {
    workitemId: init.workitemId,
    type: init.type,
    channelType: DEFAULT_CHANNEL_TYPE[init.type],
    channel: null,
    direction: init.type === 'callback' ? 'OUTBOUND' : 'INBOUND',
    mode: 'QUEUE',
    subType: null,
    state: 'inqueue',
    reasonCode: null,
    status: init.type === 'task' ? 'todo' : null,
    priority: DEFAULT_PRIORITY,
    queueId: null,
    agentUsername: null,
    team: null,
    contact: { ...EMPTY_CONTACT },
    subject: null,
    description: null,
    dueAt: null,
    callback: null,
    conversationId: null,
    createdAt: init.createdAt,
    offeredAt: null,
    offerExpiresAt: null,
    assignedAt: null,
    terminatedAt: null,
    wrapUpExpiresAt: null,
    dispositionedAt: null,
    disposition: null,
    actions: [],
    timeEvents: [],
    version: 1,
  };
  const item: WorkItem = { ...base, ...given };
  if (init.timeEvents === undefined) {
    item.timeEvents = [{ type: 'created', timestamp: init.createdAt, userId: createdBy, detail: { to: item.state } }];
  }
  item.actions = availableActions(item);
  return item;
}
