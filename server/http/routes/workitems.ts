import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AssignRequestSchema,
  CreateCallbackRequestSchema,
  CreateWorkItemRequestSchema,
  DispositionRequestSchema,
  HoldRequestSchema,
  ListWorkItemsQuerySchema,
  NoteRequestSchema,
  NoteSchema,
  PlainActionRequestSchema,
  StatusRequestSchema,
  TargetRequestSchema,
  WorkItemIdParamSchema,
  WorkItemPageSchema,
} from '../../../common/api';
import { SwitchboardError } from '../../../common/errors';
import { compileQuery, compileSort } from '../../../common/query/index';
import { WorkItemSchema, type WorkItem } from '../../../common/workitem';
import { canRead, readableFilter } from '../../service/access';
import type { Platform } from '../context';
import { defineRoute, RawJson } from '../route';

/** Transfer and conference answer with the original and the item they raised. */
export const TransferResponseSchema = WorkItemSchema.extend({ created: WorkItemSchema.optional() });

export function workitemRoutes(app: FastifyInstance, platform: Platform): void {
  const { core, workitems, messages } = platform;
  /** An item answered as the JSON text it was just stored or read as: no second serialisation. */
  const answer = (item: WorkItem): WorkItem | RawJson => {
    const json = core.items.jsonOf(item);
    return json === undefined ? item : new RawJson(json);
  };

  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/workitems',
    summary: 'Create a work item: queueId → PUSH routing; assignee.agentUsername → PULL (active, mode AGENT); assignee.team → offered to the team; neither → the creator’s own (PULL)',
    permission: 'items.create',
    creates: 'item',
    body: CreateWorkItemRequestSchema,
    response: WorkItemSchema,
    status: 201,
    handler: ({ principal, body }) => answer(workitems.create(principal, body)),
  });

  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/callbacks',
    summary: 'Create a callback (phone normalised to E.164); ready at scheduledAt or at once, offered for Dial / Skip',
    permission: 'items.create',
    creates: 'callback',
    body: CreateCallbackRequestSchema,
    response: WorkItemSchema,
    status: 201,
    handler: ({ principal, body }) => answer(workitems.createCallback(principal, body)),
  });

  defineRoute(app, platform, {
    method: 'GET',
    url: '/v1/workitems',
    summary: 'Search work items (seed 001 query language). Agents see items assigned to them, their teams’ and their queues’; admins and channel accounts all',
    permission: 'items.read',
    query: ListWorkItemsQuerySchema,
    response: WorkItemPageSchema,
    handler: ({ principal, query }) => {
      const where = compileQuery(query.q, { now: core.now() });
      const orderBy = compileSort(query.sort);
      const visible = readableFilter(principal);
      // The items go out as the JSON text they are stored as: no parse and re-serialisation per row.
      const page = core.items.pageJson(`(${where.sql}) AND ${visible.sql}`, [...where.params, ...visible.params], orderBy, query.rows, query.start);
      return new RawJson(`{"total":${page.total},"start":${query.start},"rows":${page.data.length},"items":[${page.data.join(',')}]}`);
    },
  });

  defineRoute(app, platform, {
    method: 'GET',
    url: '/v1/workitems/{id}',
    summary: 'One work item',
    permission: 'items.read',
    params: WorkItemIdParamSchema,
    response: WorkItemSchema,
    handler: ({ principal, params }) => {
      const { item } = core.load(params.id);
      if (!canRead(principal, item)) throw new SwitchboardError('FORBIDDEN', `${principal.username} may not read work item ${params.id}`);
      return answer(item);
    },
  });

  defineRoute(app, platform, {
    method: 'DELETE',
    url: '/v1/workitems/{id}',
    summary: 'Archive a work item (closed ARCHIVED if still live); it then answers 404',
    permission: 'items.delete',
    params: WorkItemIdParamSchema,
    status: 204,
    handler: ({ principal, params }) => {
      core.tx(() => workitems.archive(principal, params.id));
      return undefined;
    },
  });

  const action = <S extends z.ZodType>(name: string, summary: string, body: S, run: (principal: Parameters<typeof workitems.accept>[0], id: string, body: z.infer<S>) => WorkItem) =>
    defineRoute(app, platform, {
      method: 'POST',
      url: `/v1/workitems/{id}/${name}`,
      summary,
      permission: 'items.act',
      params: WorkItemIdParamSchema,
      body,
      response: WorkItemSchema,
      handler: ({ principal, params, body: b }) => answer(run(principal, params.id, b as z.infer<S>)),
    });

  action('accept', 'Accept an offer: offered → active (a call: accepted, then active — at once unless callMediaConfirmation)', PlainActionRequestSchema, (p, id, b) => workitems.accept(p, id, b.expectedVersion));
  action('media', 'Extension: the call’s media is up (accepted → active), when callMediaConfirmation is on', PlainActionRequestSchema, (p, id, b) => workitems.mediaUp(p, id, b.expectedVersion));
  action('decline', 'Decline an offer: rescinded, RONA (presence → the queue’s ronaPresence, reason RONA)', PlainActionRequestSchema, (p, id, b) => workitems.decline(p, id, b.expectedVersion));
  action('hold', 'Hold or resume: active ↔ hold', HoldRequestSchema, (p, id, b) => workitems.hold(p, id, b.hold, b.expectedVersion));
  action('hangup', 'Hang up: → terminated (wrap-up) with wrapUpExpiresAt', PlainActionRequestSchema, (p, id, b) => workitems.hangup(p, id, b.expectedVersion));
  action('disposition', 'Disposition with one of the queue’s codes: terminated → dispositioned', DispositionRequestSchema, (p, id, b) => workitems.disposition(p, id, b));
  action('dial', 'Dial an outbound item (callback, progressive dial): → active outbound call', PlainActionRequestSchema, (p, id, b) => workitems.dial(p, id, b.expectedVersion));
  action('skip', 'Skip an outbound item: to the next available agent or the back of its queue', PlainActionRequestSchema, (p, id, b) => workitems.skip(p, id, b.expectedVersion));
  action('assign', 'Reassign a task to an agent or a team (logged)', AssignRequestSchema, (p, id, b) => workitems.assign(p, id, b));
  action('status', 'Change a task’s status: todo | in_progress | resolved (logged; resolved completes it)', StatusRequestSchema, (p, id, b) => workitems.setStatus(p, id, b.status, b.expectedVersion));

  for (const kind of ['transfer', 'conference'] as const) {
    defineRoute(app, platform, {
      method: 'POST',
      url: `/v1/workitems/{id}/${kind}`,
      summary:
        kind === 'transfer'
          ? 'Transfer to a queue or a named agent: a new DIRECT_TRANSFER item (in `created`); the original is closed TRANSFERRED'
          : 'Conference a queue or an agent in: a new DIRECT_CONFERENCE item (in `created`); the original → conference',
      permission: 'items.act',
      // each raises a new item (a conference leaves the original live): a loop of them is item creation
      creates: 'item',
      params: WorkItemIdParamSchema,
      body: TargetRequestSchema,
      response: TransferResponseSchema,
      handler: ({ principal, params, body }) => {
        const { original, created } = kind === 'transfer' ? workitems.transfer(principal, params.id, body) : workitems.conference(principal, params.id, body);
        return { ...original, created };
      },
    });
  }

  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/workitems/{id}/notes',
    summary: 'Add a note; it shows in the activity log (timeEvents, type note)',
    permission: 'items.act',
    params: WorkItemIdParamSchema,
    body: NoteRequestSchema,
    response: NoteSchema,
    status: 201,
    handler: ({ principal, params, body }) => messages.addNote(principal, params.id, body.text),
  });
}
