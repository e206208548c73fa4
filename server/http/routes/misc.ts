import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AgentPresenceSchema,
  AgentSchema,
  CampaignSchema,
  CreateCampaignRequestSchema,
  CreateChatRequestSchema,
  DispositionCodeListSchema,
  DispositionsQuerySchema,
  HealthSchema,
  LabelledDispositionCodeListSchema,
  MessageSchema,
  PostMessageRequestSchema,
  PresenceRequestSchema,
  QueueFiguresSchema,
  WorkItemIdParamSchema,
} from '../../../common/api';
import { SwitchboardError } from '../../../common/errors';
import { WorkItemSchema } from '../../../common/workitem';
import { canSeeQueue } from '../../service/access';
import type { Platform } from '../context';
import { defineRoute } from '../route';

const CampaignIdParamSchema = z.strictObject({ id: z.string().regex(/^cmp_[A-Za-z0-9_-]{1,64}$/, 'not a campaign id') });
const ChatCreatedSchema = WorkItemSchema.extend({ message: MessageSchema });

export function miscRoutes(app: FastifyInstance, platform: Platform): void {
  const { core, stats, messages, campaigns, workitems } = platform;

  defineRoute(app, platform, {
    method: 'GET',
    url: '/v1/health',
    summary: 'Whether this node serves the API and routes work (no token needed; load balancers check it). Cluster followers answer it themselves',
    permission: null,
    response: HealthSchema,
    handler: () => ({ status: 'ok' as const, routing: true, leader: platform.advertiseUrl ?? null }),
  });

  defineRoute(app, platform, {
    method: 'GET',
    url: '/v1/queues',
    summary: 'Queue figures: waiting, active, agents available, average and longest wait (of items waiting now). Agents see their queues, admins all',
    permission: 'items.read',
    response: z.array(QueueFiguresSchema),
    handler: ({ principal }) => stats.all().filter((q) => canSeeQueue(principal, q.queueId)),
  });

  const agentView = (username: string) => {
    const agent = core.agents.get(username)!;
    const presence = core.presencePayload(core.presence(username));
    return { username, displayName: agent.displayName, scopes: agent.scopes, queues: agent.queues, teams: agent.teams, presence, capacity: agent.capacity };
  };

  defineRoute(app, platform, {
    method: 'GET',
    url: '/v1/agents/me',
    summary: 'The calling agent, its presence and reason',
    permission: 'agent.self',
    response: AgentSchema,
    handler: ({ principal }) => agentView(principal.username),
  });

  defineRoute(app, platform, {
    method: 'GET',
    url: '/v1/agents/me/presence',
    summary: 'The calling agent’s presence',
    permission: 'agent.self',
    response: AgentPresenceSchema,
    handler: ({ principal }) => core.presencePayload(core.presence(principal.username)),
  });

  defineRoute(app, platform, {
    method: 'PUT',
    url: '/v1/agents/me/presence',
    summary: 'Set presence: available (routable) | not_ready | offline',
    permission: 'agent.self',
    body: PresenceRequestSchema,
    response: AgentPresenceSchema,
    handler: ({ principal, body }) => core.presencePayload(core.setPresence(principal.username, body.state, body.reasonCode ?? null)),
  });

  defineRoute(app, platform, {
    method: 'GET',
    url: '/v1/dispositions',
    summary: 'The queue’s disposition codes, as an array of strings (without queueId: every queue’s codes); with include=labels, as [{code, label}]',
    permission: 'items.read',
    query: DispositionsQuerySchema,
    response: z.union([DispositionCodeListSchema, LabelledDispositionCodeListSchema]),
    handler: ({ query }) => {
      if (query.queueId !== undefined && !core.queues.has(query.queueId)) throw new SwitchboardError('NOT_FOUND', `queue ${query.queueId} does not exist`);
      const { codes, labels } = workitems.dispositionCodes(query.queueId ?? null);
      return query.include === 'labels' ? codes.map((code) => ({ code, label: labels[code] ?? code })) : codes;
    },
  });

  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/chats',
    summary: 'A messaging channel opens a chat: a chat item queued (PUSH) with the customer’s first message (in `message`)',
    permission: 'chats.open',
    creates: 'item',
    body: CreateChatRequestSchema,
    response: ChatCreatedSchema,
    status: 201,
    handler: ({ principal, body }) => {
      const { item, message } = messages.openChat(principal, body);
      return { ...item, message };
    },
  });

  defineRoute(app, platform, {
    method: 'GET',
    url: '/v1/workitems/{id}/messages',
    summary: 'The conversation’s messages, oldest first (shared by transfer and conference legs)',
    permission: 'items.read',
    params: WorkItemIdParamSchema,
    response: z.array(MessageSchema),
    handler: ({ principal, params }) => messages.list(principal, params.id),
  });

  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/workitems/{id}/messages',
    summary: 'Post a message: the agent on the item (from agent) or a channel account (from customer; unread + 1)',
    permission: 'messages.post',
    params: WorkItemIdParamSchema,
    body: PostMessageRequestSchema,
    response: MessageSchema,
    status: 201,
    handler: ({ principal, params, body }) => messages.post(principal, params.id, body),
  });

  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/workitems/{id}/messages/read',
    summary: 'Extension: the agent has read the conversation (unread → 0)',
    permission: 'items.act',
    params: WorkItemIdParamSchema,
    body: z.strictObject({}),
    response: WorkItemSchema,
    handler: ({ principal, params }) => messages.markRead(principal, params.id),
  });

  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/campaigns',
    summary: 'Create a progressive-dial campaign (phones normalised to E.164)',
    permission: 'campaigns.manage',
    // one campaign counts as one creation; its entries are bounded by limits.campaignEntries
    creates: 'item',
    body: CreateCampaignRequestSchema,
    response: CampaignSchema,
    status: 201,
    handler: ({ principal, body }) => campaigns.create(principal, body),
  });

  defineRoute(app, platform, {
    method: 'GET',
    url: '/v1/campaigns/{id}',
    summary: 'A campaign and how many entries remain',
    permission: 'campaigns.read',
    params: CampaignIdParamSchema,
    response: CampaignSchema,
    handler: ({ principal, params }) => campaigns.getFor(principal, params.id),
  });

  for (const verb of ['start', 'stop'] as const) {
    defineRoute(app, platform, {
      method: 'POST',
      url: `/v1/campaigns/{id}/${verb}`,
      summary: verb === 'start' ? 'Start feeding entries, one per available agent of the queue' : 'Stop feeding; waiting calls are closed CANCELLED',
      permission: 'campaigns.manage',
      params: CampaignIdParamSchema,
      body: z.strictObject({}),
      response: CampaignSchema,
      handler: ({ principal, params }) => (verb === 'start' ? campaigns.start(principal, params.id) : campaigns.stop(principal, params.id)),
    });
  }
}
