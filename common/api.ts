/**
 * Request and response schemas of the platform API v1 (docs/api.md). The platform validates
 * every body, query and parameter with these; the desktop validates what it sends and receives with the
 * same ones; the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { normalizePhone } from './phone';
import {
  ChannelSchema,
  ChannelTypeSchema,
  DirectionSchema,
  KindSchema,
  MessagingChannelSchema,
  PresenceStateSchema,
  PrioritySchema,
  ScopeSchema,
  TaskStatusSchema,
} from './vocabulary';
import { TimestampSchema, WorkItemSchema } from './workitem';

const id = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const shortText = z.string().max(500, 'must be at most 500 characters');
const longText = z.string().max(20_000, 'must be at most 20000 characters');

/** A phone number, normalised to E.164; the field error says what was wrong. */
export const PhoneSchema = z.string({ error: 'phone is required' }).max(100, 'must be at most 100 characters').transform((raw, ctx) => {
  const result = normalizePhone(raw);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  }
  return result.e164;
});

/** Exactly one of the given keys must be present: `{queueId}` or `{agentUsername}`, never both or neither. */
function exactlyOneOf<T extends Record<string, unknown>>(keys: readonly (keyof T & string)[]) {
  return (value: T, ctx: z.RefinementCtx) => {
    const present = keys.filter((k) => value[k] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({ code: 'custom', path: [keys[0]], message: `give exactly one of ${keys.join(' or ')}` });
    }
  };
}

// ---- auth -------------------------------------------------------------------------------------------

export const LoginRequestSchema = z.strictObject({ username: id, password: z.string().min(1, 'password is required').max(1024) });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const AgentSummarySchema = z.object({
  username: z.string(),
  displayName: z.string(),
  scopes: z.array(ScopeSchema),
  queues: z.array(z.string()),
  teams: z.array(z.string()).optional(),
});
export type AgentSummary = z.infer<typeof AgentSummarySchema>;

export const SipCredentialsSchema = z.object({
  wsUrl: z.string(),
  uri: z.string(),
  authorizationUsername: z.string(),
  authorizationPassword: z.string(),
  expiresAt: TimestampSchema,
});
export type SipCredentials = z.infer<typeof SipCredentialsSchema>;

export const IceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServerSchema>;

export const LoginResponseSchema = z.object({
  token: z.string(),
  agent: AgentSummarySchema,
  sip: SipCredentialsSchema.optional(),
  iceServers: z.array(IceServerSchema).optional(),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** POST /v1/agents/me/sip-credentials: fresh credentials, the same shape as login's `sip` and `iceServers`. */
export const SipCredentialsResponseSchema = z.object({
  sip: SipCredentialsSchema,
  iceServers: z.array(IceServerSchema).optional(),
});
export type SipCredentialsResponse = z.infer<typeof SipCredentialsResponseSchema>;

// ---- work items -------------------------------------------------------------------------------------

export const ContactInputSchema = z.strictObject({
  name: shortText.optional(),
  /** the one phone rule (PhoneSchema) for every phone field: stored as E.164 or refused */
  phone: PhoneSchema.optional(),
  email: z.email('must be an email address').optional(),
});

export const AssigneeSchema = z
  .strictObject({ agentUsername: id.optional(), team: id.optional() })
  .superRefine(exactlyOneOf(['agentUsername', 'team']));
export type Assignee = z.infer<typeof AssigneeSchema>;

export const CreateWorkItemRequestSchema = z
  .strictObject({
    type: KindSchema,
    subType: shortText.optional(),
    channel: ChannelSchema.optional(),
    channelType: ChannelTypeSchema.optional(),
    direction: DirectionSchema.optional(),
    priority: PrioritySchema.optional(),
    subject: shortText.optional(),
    description: longText.optional(),
    dueAt: TimestampSchema.optional(),
    queueId: id.optional(),
    assignee: AssigneeSchema.optional(),
    contact: ContactInputSchema.optional(),
    conversationId: id.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.type === 'callback') {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'callbacks are created with POST /v1/callbacks' });
    }
  });
export type CreateWorkItemRequest = z.infer<typeof CreateWorkItemRequestSchema>;

export const CreateCallbackRequestSchema = z.strictObject({
  phone: PhoneSchema,
  subType: shortText.optional(),
  name: shortText.optional(),
  reason: longText.optional(),
  scheduledAt: TimestampSchema.optional(),
  queueId: id.optional(),
  priority: PrioritySchema.optional(),
  channel: ChannelSchema.optional(),
});
export type CreateCallbackRequest = z.infer<typeof CreateCallbackRequestSchema>;

export const MAX_ROWS = 500;
export const DEFAULT_ROWS = 25;
export const ListWorkItemsQuerySchema = z.strictObject({
  q: z.string().max(4000).optional(),
  rows: z.coerce.number().int().min(0).max(MAX_ROWS, `rows must be at most ${MAX_ROWS}`).default(DEFAULT_ROWS),
  start: z.coerce.number().int().min(0).default(0),
  sort: z.string().max(500).optional(),
});
export type ListWorkItemsQuery = z.infer<typeof ListWorkItemsQuerySchema>;

export const WorkItemPageSchema = z.object({
  total: z.number().int(),
  start: z.number().int(),
  rows: z.number().int(),
  items: z.array(WorkItemSchema),
});
export type WorkItemPage = z.infer<typeof WorkItemPageSchema>;

/** Extension GET /v1/sync/items: a snapshot in pages, keyset-paged (docs/api.md, "Snapshot for sync"). */
export const MAX_SYNC_LIMIT = 10_000;
export const DEFAULT_SYNC_LIMIT = 1_000;
export const SyncItemsQuerySchema = z.strictObject({
  /** the previous page's nextCursor; absent for the first page */
  after: z.string().max(200).regex(/^wi_[A-Za-z0-9_-]+$/, 'not a cursor: pass the previous page’s nextCursor').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_SYNC_LIMIT, `limit must be at most ${MAX_SYNC_LIMIT}`).default(DEFAULT_SYNC_LIMIT),
});
export type SyncItemsQuery = z.infer<typeof SyncItemsQuerySchema>;
export const SyncItemsPageSchema = z.object({
  /** the last event seq committed when the page was read: `GET /v1/events?since=` the first page's seq misses nothing */
  seq: z.number().int().nonnegative(),
  /** pass as `after` for the next page; null after the last page */
  nextCursor: z.string().nullable(),
  items: z.array(WorkItemSchema),
});
export type SyncItemsPage = z.infer<typeof SyncItemsPageSchema>;

/** Every action may carry the version the client last saw; a stale one gives 409 VERSION_CONFLICT. */
const versioned = { expectedVersion: z.number().int().positive().optional() };
export const PlainActionRequestSchema = z.strictObject(versioned);
export const HoldRequestSchema = z.strictObject({ hold: z.boolean(), ...versioned });
export const DispositionRequestSchema = z.strictObject({ code: id, notes: longText.optional(), ...versioned });
export const TargetRequestSchema = z
  .strictObject({ queueId: id.optional(), agentUsername: id.optional(), ...versioned })
  .superRefine(exactlyOneOf(['queueId', 'agentUsername']));
export const AssignRequestSchema = z
  .strictObject({ agentUsername: id.optional(), team: id.optional(), ...versioned })
  .superRefine(exactlyOneOf(['agentUsername', 'team']));
export const StatusRequestSchema = z.strictObject({ status: TaskStatusSchema, ...versioned });
export type HoldRequest = z.infer<typeof HoldRequestSchema>;
export type DispositionRequest = z.infer<typeof DispositionRequestSchema>;
export type TargetRequest = z.infer<typeof TargetRequestSchema>;
export type AssignRequest = z.infer<typeof AssignRequestSchema>;
export type StatusRequest = z.infer<typeof StatusRequestSchema>;

export const WorkItemIdParamSchema = z.strictObject({ id: z.string().regex(/^wi_[A-Za-z0-9_-]{1,64}$/, 'not a work item id') });

// ---- queues, agents, dispositions ---------------------------------------------------------------------

export const QueueFiguresSchema = z.object({
  queueId: z.string(),
  name: z.string(),
  waiting: z.number().int(),
  active: z.number().int(),
  agentsAvailable: z.number().int(),
  averageWaitSeconds: z.number(),
  longestWaitSeconds: z.number(),
});
export type QueueFigures = z.infer<typeof QueueFiguresSchema>;

export const PresenceRequestSchema = z.strictObject({ state: PresenceStateSchema, reasonCode: shortText.optional() });
export type PresenceRequest = z.infer<typeof PresenceRequestSchema>;

export const AgentPresenceSchema = z.object({
  username: z.string(),
  state: PresenceStateSchema,
  reasonCode: z.string().nullable(),
  since: TimestampSchema,
});
export type AgentPresence = z.infer<typeof AgentPresenceSchema>;

export const AgentSchema = AgentSummarySchema.extend({
  presence: AgentPresenceSchema,
  capacity: z.record(z.string(), z.number().int()),
});
export type Agent = z.infer<typeof AgentSchema>;

/** `include=labels` (an extension): the codes as `{code, label}` objects rather than bare strings. */
export const DispositionsQuerySchema = z.strictObject({ queueId: id.optional(), include: z.literal('labels', 'the only value is "labels"').optional() });
/** GET /v1/dispositions: the queue's disposition codes. */
export const DispositionCodeListSchema = z.array(z.string());
/** GET /v1/dispositions?include=labels: each code with the label the desktop shows (the code itself when the config names none). */
export const LabelledDispositionCodeListSchema = z.array(z.object({ code: z.string(), label: z.string() }));
/** What the desktop keeps and shows for a queue's wrap-up. */
export const DispositionCodesSchema = z.object({
  queueId: z.string().nullable(),
  codes: z.array(z.string()),
  /** code → label; absent in what an older desktop cached (the codes then show as themselves) */
  labels: z.record(z.string(), z.string()).optional(),
  autoDispositionCode: z.string().nullable(),
});
export type DispositionCodes = z.infer<typeof DispositionCodesSchema>;

// ---- chats, messages, notes ---------------------------------------------------------------------------

export const CreateChatRequestSchema = z.strictObject({
  queueId: id,
  customer: z.strictObject({ name: shortText.optional(), email: z.email('must be an email address').optional(), phone: PhoneSchema.optional() }),
  text: z.string().trim().min(1, 'text must not be empty').max(20_000),
  channel: MessagingChannelSchema.optional(),
});
export type CreateChatRequest = z.infer<typeof CreateChatRequestSchema>;

export const MessageSchema = z.object({
  messageId: z.string(),
  workitemId: z.string(),
  from: z.enum(['agent', 'customer']),
  author: z.string(),
  text: z.string(),
  at: TimestampSchema,
});
export type Message = z.infer<typeof MessageSchema>;

export const PostMessageRequestSchema = z.strictObject({
  text: z.string().trim().min(1, 'text must not be empty').max(20_000),
  from: z.enum(['agent', 'customer']).optional(),
});
export type PostMessageRequest = z.infer<typeof PostMessageRequestSchema>;

export const NoteRequestSchema = z.strictObject({ text: z.string().trim().min(1, 'text must not be empty').max(20_000) });
export const NoteSchema = z.object({ noteId: z.string(), workitemId: z.string(), author: z.string(), text: z.string(), at: TimestampSchema });
export type Note = z.infer<typeof NoteSchema>;

// ---- campaigns -----------------------------------------------------------------------------------------

export const CreateCampaignRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'name is required').max(200),
  queueId: id,
  entries: z.array(z.strictObject({ phone: PhoneSchema, name: shortText.optional() })).min(1, 'a campaign needs at least one entry').max(100_000),
});
export type CreateCampaignRequest = z.infer<typeof CreateCampaignRequestSchema>;

export const CampaignSchema = z.object({
  campaignId: z.string(),
  name: z.string(),
  queueId: z.string(),
  state: z.enum(['created', 'running', 'stopped', 'finished']),
  total: z.number().int(),
  remaining: z.number().int(),
  createdAt: TimestampSchema,
});
export type Campaign = z.infer<typeof CampaignSchema>;

// ---- events ---------------------------------------------------------------------------------------------

export const EVENT_TYPES = [
  'workitem.created',
  'workitem.updated',
  'workitem.offered',
  'workitem.offer_rescinded',
  'message.created',
  'queue.stats',
  'agent.presence',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

export const PlatformEventSchema = z.object({
  seq: z.number().int().positive(),
  type: EventTypeSchema,
  at: TimestampSchema,
  workitem: WorkItemSchema.optional(),
  workitemId: z.string().optional(),
  queue: QueueFiguresSchema.optional(),
  agent: AgentPresenceSchema.optional(),
  offer: z
    .object({
      expiresAt: TimestampSchema.optional(),
      reason: z.enum(['RONA', 'TIMEOUT', 'CANCELLED', 'ACCEPTED_ELSEWHERE']).optional(),
      agentUsername: z.string().optional(),
    })
    .optional(),
  message: MessageSchema.optional(),
});
export type PlatformEvent = z.infer<typeof PlatformEventSchema>;

export const EventsQuerySchema = z.strictObject({
  since: z.coerce.number().int().min(0).optional(),
  access_token: z.string().optional(),
});

/**
 * Extension GET /v1/health (docs/api.md), no token needed: whether this node can serve the API and whether
 * it routes itself (docs/scaling.md "Several nodes"). A follower that knows no routing node answers 503.
 */
export const HealthSchema = z.strictObject({
  status: z.enum(['ok', 'unavailable']),
  /** this node routes work (a single platform always does) */
  routing: z.boolean(),
  /** the routing node's advertised URL, when this node is one of a cluster's; else null */
  leader: z.string().nullable(),
});
export type Health = z.infer<typeof HealthSchema>;
