/**
 * The platform's HTTP API (docs/api.md) for the desktop: bearer token, JSON bodies,
 * Idempotency-Key on writes, every answer validated with common/api's schemas, every failure a
 * PlatformError with a contract code (an unreachable platform is OFFLINE).
 *
 * With several platform nodes (PlatformEndpoints) a request that cannot reach one node, or that a node
 * answers 503 (no routing node known yet), is sent to the next one at once, with the same
 * Idempotency-Key, so a write the first node did take is not applied twice; only when every node failed
 * does the caller see the error (and retry later with its own backoff: the outbox, the event stream).
 */
import { z } from 'zod';
import {
  AgentPresenceSchema,
  AgentSchema,
  LabelledDispositionCodeListSchema,
  type DispositionCodes,
  LoginResponseSchema,
  MessageSchema,
  NoteSchema,
  QueueFiguresSchema,
  WorkItemPageSchema,
  type ListWorkItemsQuery,
} from '../../../common/api';
import { fieldErrorsFromZod } from '../../../common/errors';
import { WorkItemSchema } from '../../../common/workitem';
import { errorFromResponse, offlineError, PlatformError } from './platform-error';
import { PlatformEndpoints } from './platform-endpoints';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type RequestOptions = { body?: unknown; idempotencyKey?: string; query?: Record<string, string | number | undefined> };

const REQUEST_TIMEOUT_MS = 20_000;

function parseJsonOrUndefined(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    // a body that is not JSON: the caller reports the status without a contract body
    return undefined;
  }
}

/**
 * The node is gone (unreachable) or has no routing node to forward to (503): another node may serve the
 * request. Any other answer, even a 500, is the platform's own and would be the same elsewhere.
 */
function isNodeDown(error: PlatformError): boolean {
  return error.status === 0 || error.status === 503;
}

export class PlatformClient {
  readonly endpoints: PlatformEndpoints;

  constructor(
    platform: string | PlatformEndpoints,
    private token: string | null = null,
  ) {
    this.endpoints = typeof platform === 'string' ? new PlatformEndpoints(platform) : platform;
  }

  /** the node requests go to now */
  get baseUrl(): string {
    return this.endpoints.current;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  /** One call: returns the parsed answer or throws a PlatformError. */
  async request<S extends z.ZodType>(method: HttpMethod, path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
    const { status, body } = await this.exchange(method, path, options, parseJsonOrUndefined);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new PlatformError('INTERNAL', `The platform's answer to ${method} ${path} does not match the contract.`, status, false, fieldErrorsFromZod(parsed.error));
    }
    return parsed.data;
  }

  /**
   * One call whose successful answer is returned as text, for the caller to check: a snapshot page, which
   * sync cuts into items and checks itself (main/core/sync/snapshot-page.ts) rather than through zod here.
   */
  async requestText(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<string> {
    return (await this.exchange(method, path, options, (text) => text)).body;
  }

  /** Each node in turn, starting with the current one, until one answers with something other than 503. */
  private async exchange<T>(method: HttpMethod, path: string, options: RequestOptions, read: (text: string) => T): Promise<{ status: number; body: T }> {
    let lastError: PlatformError | null = null;
    for (let tried = 0; tried < this.endpoints.urls.length; tried += 1) {
      const baseUrl = this.endpoints.current;
      try {
        return await this.exchangeWith(baseUrl, method, path, options, read);
      } catch (error) {
        if (!(error instanceof PlatformError) || !isNodeDown(error)) throw error;
        lastError = error;
        this.endpoints.failed(baseUrl);
      }
    }
    throw lastError as PlatformError;
  }

  private async exchangeWith<T>(baseUrl: string, method: HttpMethod, path: string, options: RequestOptions, read: (text: string) => T): Promise<{ status: number; body: T }> {
    const url = new URL(path, baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      throw offlineError(baseUrl, error);
    }
    if (!response.ok) throw errorFromResponse(response.status, parseJsonOrUndefined(text));
    return { status: response.status, body: read(text) };
  }

  login(username: string, password: string) {
    return this.request('POST', '/v1/auth/login', LoginResponseSchema, { body: { username, password } });
  }

  /** Ends the session on the platform: the token is revoked and the agent goes offline (204, no body). */
  async logout(): Promise<void> {
    await this.requestText('POST', '/v1/auth/logout', { body: {} });
  }

  me() {
    return this.request('GET', '/v1/agents/me', AgentSchema);
  }

  listWorkItems(query: Partial<ListWorkItemsQuery>) {
    return this.request('GET', '/v1/workitems', WorkItemPageSchema, { query: { q: query.q, rows: query.rows, start: query.start, sort: query.sort } });
  }

  /**
   * Extension GET /v1/sync/items (docs/api.md): one snapshot page as the platform's text. An older
   * platform without it answers 404 NOT_FOUND.
   */
  syncItems(query: { after?: string; limit: number }) {
    return this.requestText('GET', '/v1/sync/items', { query: { after: query.after, limit: query.limit } });
  }

  getWorkItem(workitemId: string) {
    return this.request('GET', `/v1/workitems/${encodeURIComponent(workitemId)}`, WorkItemSchema);
  }

  listQueues() {
    return this.request('GET', '/v1/queues', z.array(QueueFiguresSchema));
  }

  async getDispositions(queueId: string | null): Promise<DispositionCodes> {
    const list = await this.request('GET', '/v1/dispositions', LabelledDispositionCodeListSchema, { query: { queueId: queueId ?? undefined, include: 'labels' } });
    // The platform applies the auto-disposition code itself; the desktop only offers the codes.
    return { queueId, codes: list.map((entry) => entry.code), labels: Object.fromEntries(list.map((entry) => [entry.code, entry.label])), autoDispositionCode: null };
  }

  listMessages(workitemId: string) {
    return this.request('GET', `/v1/workitems/${encodeURIComponent(workitemId)}/messages`, z.array(MessageSchema));
  }

  // Writes (the outbox calls these with the action's idempotency key).

  workItemAction(workitemId: string, action: string, body: unknown, idempotencyKey: string) {
    return this.request('POST', `/v1/workitems/${encodeURIComponent(workitemId)}/${action}`, WorkItemSchema, { body, idempotencyKey });
  }

  createWorkItem(body: unknown, idempotencyKey: string) {
    return this.request('POST', '/v1/workitems', WorkItemSchema, { body, idempotencyKey });
  }

  createCallback(body: unknown, idempotencyKey: string) {
    return this.request('POST', '/v1/callbacks', WorkItemSchema, { body, idempotencyKey });
  }

  addNote(workitemId: string, text: string, idempotencyKey: string) {
    return this.request('POST', `/v1/workitems/${encodeURIComponent(workitemId)}/notes`, NoteSchema, { body: { text }, idempotencyKey });
  }

  postMessage(workitemId: string, text: string, idempotencyKey: string) {
    return this.request('POST', `/v1/workitems/${encodeURIComponent(workitemId)}/messages`, MessageSchema, { body: { text }, idempotencyKey });
  }

  /** Extension POST /v1/workitems/{id}/messages/read (docs/api.md): the chat's `unread` goes to 0. */
  markMessagesRead(workitemId: string, idempotencyKey: string) {
    return this.request('POST', `/v1/workitems/${encodeURIComponent(workitemId)}/messages/read`, WorkItemSchema, { body: {}, idempotencyKey });
  }

  setPresence(body: { state: string; reasonCode?: string }, idempotencyKey: string) {
    return this.request('PUT', '/v1/agents/me/presence', AgentPresenceSchema, { body, idempotencyKey });
  }
}
