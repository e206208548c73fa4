/**
 * The one typed API between the renderer and the desktop core (main process, or the browser-mode host).
 *
 * Each operation has a zod schema for its request and its response; each pushed event has one for its
 * payload. preload exposes exactly these as `window.switchboard.<operation>(request)` and
 * `window.switchboard.on<Event>(listener) → unsubscribe`; main registers exactly these handlers; the
 * browser-mode host serves exactly these over one WebSocket. A contract test proves all three agree.
 *
 * Every call resolves to `{ok: true, value} | {ok: false, error: {code, message, fields?}}`: errors
 * cross the boundary as data, never as thrown exceptions.
 */
import { z } from 'zod';
import {
  AgentPresenceSchema,
  AgentSummarySchema,
  CreateCallbackRequestSchema,
  CreateWorkItemRequestSchema,
  DispositionCodesSchema,
  IceServerSchema,
  MessageSchema,
  NoteSchema,
  PresenceRequestSchema,
  QueueFiguresSchema,
  SipCredentialsSchema,
  TargetRequestSchema,
  WorkItemPageSchema,
} from './api';
import { FieldErrorSchema } from './errors';
import { SOFTPHONE_EVENTS, SOFTPHONE_OPERATIONS } from './softphone-api';
import { TaskStatusSchema } from './vocabulary';
import { WorkItemSchema } from './workitem';

const WorkItemRef = z.strictObject({ workitemId: z.string().min(1).max(100) });
const Empty = z.strictObject({});
const Ok = z.object({ done: z.literal(true) });

export const ConnectionStateSchema = z.object({
  state: z.enum(['signed_out', 'connecting', 'online', 'reconnecting', 'offline']),
  /** when the current state began (offline since …) */
  since: z.number(),
  /** next reconnect attempt, while reconnecting */
  retryAt: z.number().nullable(),
  lastSeq: z.number().int(),
  /** actions in the outbox not yet confirmed by the platform */
  pendingActions: z.number().int(),
  platformUrl: z.string().nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const SessionSchema = z.object({
  agent: AgentSummarySchema.nullable(),
  platformUrl: z.string().nullable(),
  /** true when the token could only be kept in memory (no OS keyring), so the agent must sign in each launch */
  tokenInMemoryOnly: z.boolean(),
  /** the softphone's SIP registration from the login answer, while signed in (absent when the platform sent none) */
  sip: SipCredentialsSchema.optional(),
  /** STUN/TURN servers from the login answer, while signed in */
  iceServers: z.array(IceServerSchema).optional(),
});
export type Session = z.infer<typeof SessionSchema>;

export const InboxQuerySchema = z.strictObject({
  q: z.string().max(4000).optional(),
  rows: z.number().int().min(1).max(500).default(50),
  start: z.number().int().min(0).default(0),
  sort: z.string().max(200).optional(),
  /** full-text search over subject, description, contact name, phone and email */
  text: z.string().max(200).optional(),
});
export type InboxQuery = z.infer<typeof InboxQuerySchema>;

export const SettingValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);
export const SettingsViewSchema = z.object({
  values: z.record(z.string(), SettingValueSchema),
  /** keys locked by the IT policy file; the UI shows them read-only */
  locked: z.array(z.string()),
  /** a problem with the policy file, named by key, if any */
  policyError: z.string().nullable(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

/** What the renderer reports when it hits an error it could not handle; the core writes it to its log. */
export const ErrorReportSchema = z.strictObject({
  /** a panel that failed to render, an answer or event outside the contract, an error no code caught */
  source: z.enum(['panel', 'answer', 'event', 'window']),
  /** which panel, operation or event */
  where: z.string().min(1).max(200),
  message: z.string().min(1).max(2000),
  stack: z.string().max(20_000).optional(),
  componentStack: z.string().max(20_000).optional(),
});
export type ErrorReport = z.infer<typeof ErrorReportSchema>;

/** Where "Save diagnostics" wrote its zip (in the app's data folder), its size and what it holds. */
export const SavedDiagnosticsSchema = z.object({ path: z.string(), bytes: z.number().int().nonnegative(), files: z.array(z.string()) });
export type SavedDiagnostics = z.infer<typeof SavedDiagnosticsSchema>;

/** Operations: name → request and response schemas. */
export const DESKTOP_OPERATIONS = {
  signIn: {
    request: z.strictObject({ platformUrl: z.string().url().optional(), username: z.string().min(1).max(128), password: z.string().min(1).max(1024) }),
    response: SessionSchema,
  },
  signOut: { request: Empty, response: Ok },
  getSession: { request: Empty, response: SessionSchema },
  getConnection: { request: Empty, response: ConnectionStateSchema },
  listInbox: { request: InboxQuerySchema, response: WorkItemPageSchema },
  /** the Outbound section: callbacks ready to dial and progressive-dial entries offered to this agent */
  listOutbound: { request: Empty, response: z.array(WorkItemSchema) },
  getWorkItem: { request: WorkItemRef, response: WorkItemSchema },
  accept: { request: WorkItemRef, response: WorkItemSchema },
  decline: { request: WorkItemRef, response: WorkItemSchema },
  hold: { request: WorkItemRef.extend({ hold: z.boolean() }), response: WorkItemSchema },
  hangup: { request: WorkItemRef, response: WorkItemSchema },
  disposition: { request: WorkItemRef.extend({ code: z.string().min(1).max(128), notes: z.string().max(20_000).optional() }), response: WorkItemSchema },
  transfer: { request: z.object({ workitemId: z.string().min(1), target: TargetRequestSchema }), response: WorkItemSchema },
  conference: { request: z.object({ workitemId: z.string().min(1), target: TargetRequestSchema }), response: WorkItemSchema },
  dial: { request: WorkItemRef, response: WorkItemSchema },
  skip: { request: WorkItemRef, response: WorkItemSchema },
  setTaskStatus: { request: WorkItemRef.extend({ status: TaskStatusSchema }), response: WorkItemSchema },
  createTask: { request: CreateWorkItemRequestSchema, response: WorkItemSchema },
  createCallback: { request: CreateCallbackRequestSchema, response: WorkItemSchema },
  addNote: { request: WorkItemRef.extend({ text: z.string().min(1).max(20_000) }), response: NoteSchema },
  listMessages: { request: WorkItemRef, response: z.array(MessageSchema) },
  sendMessage: { request: WorkItemRef.extend({ text: z.string().min(1).max(20_000) }), response: MessageSchema },
  /** the agent has read the chat: its `unread` count goes to 0 (platform extension POST …/messages/read) */
  markMessagesRead: { request: WorkItemRef, response: WorkItemSchema },
  setPresence: { request: PresenceRequestSchema, response: AgentPresenceSchema },
  getPresence: { request: Empty, response: AgentPresenceSchema },
  listQueues: { request: Empty, response: z.array(QueueFiguresSchema) },
  listDispositions: { request: z.strictObject({ queueId: z.string().optional() }), response: DispositionCodesSchema },
  getSettings: { request: Empty, response: SettingsViewSchema },
  setSetting: { request: z.strictObject({ key: z.string().min(1).max(100), value: SettingValueSchema }), response: SettingsViewSchema },
  /** calls through the headset: answerCall, holdCall, …, and the media bridge (common/softphone-api.ts) */
  ...SOFTPHONE_OPERATIONS,
  /** the renderer hit an error (a failed panel, a malformed answer or event): written to the core's log */
  reportError: { request: ErrorReportSchema, response: Ok },
  /** Settings → "Save diagnostics": a zip of logs, versions, settings and policy (secrets redacted) and the last call quality */
  saveDiagnostics: { request: Empty, response: SavedDiagnosticsSchema },
} as const;

export type OperationName = keyof typeof DESKTOP_OPERATIONS;
export const OPERATION_NAMES = Object.keys(DESKTOP_OPERATIONS) as OperationName[];
export type OperationRequest<N extends OperationName> = z.input<(typeof DESKTOP_OPERATIONS)[N]['request']>;
export type OperationResponse<N extends OperationName> = z.infer<(typeof DESKTOP_OPERATIONS)[N]['response']>;

/** Events pushed from the core to the renderer: name → payload schema. */
export const DESKTOP_EVENTS = {
  /** items changed in the cache (created, updated, removed): the renderer refreshes what it shows */
  itemsChanged: z.object({ items: z.array(WorkItemSchema), removed: z.array(z.string()) }),
  /** an offer arrived for this agent: ring, toast with countdown */
  offerReceived: z.object({ item: WorkItemSchema, expiresAt: z.number() }),
  /** an offer was withdrawn (RONA, timeout, cancelled, accepted elsewhere) */
  offerRescinded: z.object({ workitemId: z.string(), reason: z.string() }),
  connectionChanged: ConnectionStateSchema,
  presenceChanged: AgentPresenceSchema,
  queuesChanged: z.array(QueueFiguresSchema),
  messageReceived: MessageSchema,
  /** the platform refused an action that had been applied optimistically; it was rolled back */
  actionRejected: z.object({
    operation: z.string(),
    workitemId: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string(), fields: z.array(FieldErrorSchema).optional() }),
  }),
  /** a `tel:` or `sip:` link was opened: show the dialer with this number */
  dialRequested: z.object({ number: z.string() }),
  settingsChanged: SettingsViewSchema,
  /** callsChanged, mediaRequest (common/softphone-api.ts) */
  ...SOFTPHONE_EVENTS,
} as const;

export type EventName = keyof typeof DESKTOP_EVENTS;
export const EVENT_NAMES = Object.keys(DESKTOP_EVENTS) as EventName[];
export type EventPayload<N extends EventName> = z.infer<(typeof DESKTOP_EVENTS)[N]>;

export type ApiError = { code: string; message: string; fields?: { path: string; message: string }[] };
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** `onItemsChanged`, `onOfferReceived`, … */
export type SubscriptionName<N extends EventName = EventName> = `on${Capitalize<N>}`;
export function subscriptionName<N extends EventName>(event: N): SubscriptionName<N> {
  return `on${event[0].toUpperCase()}${event.slice(1)}` as SubscriptionName<N>;
}

/** The shape of `window.switchboard`, derived from the lists above so no side can drift. */
export type SwitchboardApi = {
  [N in OperationName]: (request: OperationRequest<N>) => Promise<ApiResult<OperationResponse<N>>>;
} & {
  [N in EventName as SubscriptionName<N>]: (listener: (payload: EventPayload<N>) => void) => () => void;
};
