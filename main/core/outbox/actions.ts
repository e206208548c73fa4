/**
 * What each agent action does: how it is sent to the platform, and how it is shown before the platform
 * answers (the optimistic change). Item actions run the same lifecycle `transition` the platform runs, so
 * the cache's guess agrees with the platform's answer in all but a race; creates appear as a pending
 * item with a local id until the platform's item replaces it.
 */
import { randomUUID } from 'node:crypto';
import type { AgentPresence, Message, Note } from '../../../common/api';
import type { OperationRequest } from '../../../common/desktop-api';
import type { LifecycleEvent } from '../../../common/lifecycle-events';
import { newWorkItem } from '../../../common/lifecycle';
import { DEFAULT_WRAP_UP_TIMEOUT_SECONDS } from '../../../common/vocabulary';
import type { WorkItem } from '../../../common/workitem';
import type { PlatformClient } from '../platform/http-client';

export const OUTBOX_OPERATIONS = [
  'accept', 'decline', 'hold', 'hangup', 'disposition', 'transfer', 'conference', 'dial', 'skip',
  'setTaskStatus', 'createTask', 'createCallback', 'addNote', 'sendMessage', 'setPresence',
] as const;
export type OutboxOperation = (typeof OUTBOX_OPERATIONS)[number];

/** A local id for an item created while its creation is still in the outbox. */
export const PLACEHOLDER_PREFIX = 'wi_local-';
export function isPlaceholderId(id: string): boolean {
  return id.startsWith(PLACEHOLDER_PREFIX);
}

export type ActionContext = { by: string; now: number };

/** What the action's answer is: an item, a note, a message or the agent's presence. */
export type ResultKind = 'item' | 'note' | 'message' | 'presence';

/**
 * The outbox keeps each request as the JSON it was checked as at the IPC boundary and looks its spec up by
 * operation name, so a spec's methods take the request in this erased form; each spec names its own
 * request type (method parameters are compared bivariantly, which is what lets a spec narrow it).
 */
type StoredRequest = unknown;

export type ActionSpec = {
  result: ResultKind;
  /** the item acted on (null for creates and presence) */
  workitemId(request: StoredRequest): string | null;
  /** the lifecycle event to apply optimistically to the cached item */
  lifecycleEvent?(request: StoredRequest, context: ActionContext): LifecycleEvent;
  /** for creates: the pending item shown until the platform answers */
  placeholder?(request: StoredRequest, context: ActionContext): WorkItem;
  /** for notes, messages and presence: the answer shown until the platform answers */
  optimisticValue?(request: StoredRequest, context: ActionContext): Note | Message | AgentPresence;
  send(client: PlatformClient, request: StoredRequest, idempotencyKey: string): Promise<unknown>;
  /**
   * Latency-critical and idempotent: sent the moment it is taken, while its outbox row is being written,
   * when nothing is queued before it (outbox.ts, "express"). The row still retries it if that send fails.
   */
  express?: true;
};

type Req<N extends OutboxOperation> = OperationRequest<N>;

function itemAction<N extends OutboxOperation>(
  path: string,
  event: (request: Req<N>, context: ActionContext) => LifecycleEvent,
  body: (request: Req<N>) => unknown = () => ({}),
): ActionSpec {
  return {
    result: 'item',
    workitemId: (request: Req<N> & { workitemId: string }) => request.workitemId,
    lifecycleEvent: event,
    send: (client, request: Req<N> & { workitemId: string }, key) => client.workItemAction(request.workitemId, path, body(request), key),
  };
}

function target(request: { target: { queueId?: string; agentUsername?: string } }) {
  return request.target.queueId !== undefined ? { queueId: request.target.queueId } : { agentUsername: request.target.agentUsername! };
}

export const ACTIONS: Record<OutboxOperation, ActionSpec> = {
  // A ringing call waits on this POST (the edge connects the caller once the platform has it): express.
  accept: { ...itemAction<'accept'>('accept', (_r, c) => ({ type: 'accept', by: c.by })), express: true },
  decline: itemAction<'decline'>('decline', (_r, c) => ({ type: 'decline', by: c.by })),
  hold: itemAction<'hold'>('hold', (r, c) => ({ type: r.hold ? 'hold' : 'resume', by: c.by }), (r) => ({ hold: r.hold })),
  // The queue's real wrap-up time comes with the platform's answer; the seed default stands in until then.
  hangup: itemAction<'hangup'>('hangup', (_r, c) => ({ type: 'hangup', by: c.by, wrapUpExpiresAt: c.now + DEFAULT_WRAP_UP_TIMEOUT_SECONDS * 1000 })),
  disposition: itemAction<'disposition'>(
    'disposition',
    (r, c) => ({ type: 'disposition', by: c.by, code: r.code, ...(r.notes !== undefined ? { notes: r.notes } : {}) }),
    (r) => ({ code: r.code, ...(r.notes !== undefined ? { notes: r.notes } : {}) }),
  ),
  transfer: itemAction<'transfer'>('transfer', (r, c) => ({ type: 'transfer', by: c.by, target: target(r) }), (r) => target(r)),
  conference: itemAction<'conference'>('conference', (r, c) => ({ type: 'conference', by: c.by, target: target(r) }), (r) => target(r)),
  dial: itemAction<'dial'>('dial', (_r, c) => ({ type: 'dial', by: c.by })),
  skip: itemAction<'skip'>('skip', (_r, c) => ({ type: 'skip', by: c.by })),
  setTaskStatus: itemAction<'setTaskStatus'>('status', (r, c) => ({ type: 'set_status', by: c.by, status: r.status }), (r) => ({ status: r.status })),

  createTask: {
    result: 'item',
    workitemId: () => null,
    placeholder: (r: Req<'createTask'>, c) =>
      newWorkItem({
        workitemId: PLACEHOLDER_PREFIX + randomUUID(),
        type: r.type,
        createdAt: c.now,
        createdBy: c.by,
        subType: r.subType,
        channel: r.channel,
        channelType: r.channelType,
        direction: r.direction,
        priority: r.priority,
        subject: r.subject,
        description: r.description,
        dueAt: r.dueAt,
        queueId: r.queueId,
        agentUsername: r.assignee?.agentUsername,
        team: r.assignee?.team,
        mode: r.assignee?.agentUsername !== undefined ? 'AGENT' : undefined,
        contact: { name: r.contact?.name ?? null, phone: r.contact?.phone ?? null, email: r.contact?.email ?? null },
        conversationId: r.conversationId,
      }),
    send: (client, request, key) => client.createWorkItem(request, key),
  },
  createCallback: {
    result: 'item',
    workitemId: () => null,
    placeholder: (r: { phone: string; name?: string; reason?: string; scheduledAt?: number; queueId?: string; priority?: 1 | 2 | 3 | 5 | 8; channel?: WorkItem['channel'] }, c) =>
      newWorkItem({
        workitemId: PLACEHOLDER_PREFIX + randomUUID(),
        type: 'callback',
        createdAt: c.now,
        createdBy: c.by,
        queueId: r.queueId,
        priority: r.priority,
        channel: r.channel,
        subject: r.reason,
        contact: { name: r.name ?? null, phone: r.phone, email: null },
        callback: { phone: r.phone, name: r.name ?? null, reason: r.reason ?? null, scheduledAt: r.scheduledAt ?? null },
      }),
    send: (client, request, key) => client.createCallback(request, key),
  },
  addNote: {
    result: 'note',
    workitemId: (r: Req<'addNote'>) => r.workitemId,
    optimisticValue: (r: Req<'addNote'>, c) => ({ noteId: `local-${randomUUID()}`, workitemId: r.workitemId, author: c.by, text: r.text, at: c.now }),
    send: (client, r: Req<'addNote'>, key) => client.addNote(r.workitemId, r.text, key),
  },
  sendMessage: {
    result: 'message',
    workitemId: (r: Req<'sendMessage'>) => r.workitemId,
    optimisticValue: (r: Req<'sendMessage'>, c) => ({ messageId: `local-${randomUUID()}`, workitemId: r.workitemId, from: 'agent', author: c.by, text: r.text, at: c.now }),
    send: (client, r: Req<'sendMessage'>, key) => client.postMessage(r.workitemId, r.text, key),
  },
  setPresence: {
    result: 'presence',
    workitemId: () => null,
    optimisticValue: (r: Req<'setPresence'>, c) => ({ username: c.by, state: r.state, reasonCode: r.reasonCode ?? null, since: c.now }),
    send: (client, r: Req<'setPresence'>, key) => client.setPresence({ state: r.state, ...(r.reasonCode !== undefined ? { reasonCode: r.reasonCode } : {}) }, key),
  },
};
