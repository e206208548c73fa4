/**
 * One way to declare a route: its zod schemas (validating body, query and params, and feeding the
 * OpenAPI document), the permission it needs (checked here, before anything else, against the one table
 * in auth/permissions.ts), and a synchronous handler. POSTs run in one transaction with their
 * Idempotency-Key record, so a repeat returns the first response and has no second effect.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { SwitchboardError, validationError } from '../../common/errors';
import type { Scope } from '../../common/vocabulary';
import { apiKeyDigest } from '../auth/api-keys';
import { authorize, PERMISSIONS, type Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { Creation } from '../service/user-quota';
import type { Platform } from './context';

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  /** null: no token needed (login) */
  permission: Permission | null;
  body?: B;
  query?: Q;
  params?: P;
  response?: z.ZodType;
  /** status of a success (default 200) */
  status?: number;
  /** the route creates work: counted against the caller's creation limits (429 past them) */
  creates?: Creation;
  /** a POST/PUT/DELETE that stores nothing (logout, credential renewal): not counted against the write limit */
  unmetered?: boolean;
  /** the route's work, in one transaction (give this or `run`) */
  handler?(input: {
    principal: Principal;
    body: B extends z.ZodType ? z.infer<B> : undefined;
    query: Q extends z.ZodType ? z.infer<Q> : undefined;
    params: P extends z.ZodType ? z.infer<P> : undefined;
    request: FastifyRequest;
  }): unknown;
  /**
   * Instead of the handler's one transaction: for a route that must wait for something else first (login
   * hashes a password on the worker pool). It runs its own `core.tx` calls and awaits their commit; it
   * takes no Idempotency-Key.
   */
  run?(input: { principal: Principal; body: B extends z.ZodType ? z.infer<B> : undefined; request: FastifyRequest }): Promise<unknown>;
}

export interface RouteDoc {
  method: string;
  url: string;
  summary: string;
  permission: Permission | null;
  scope: Scope | null;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response?: z.ZodType;
  status: number;
}

const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/** A handler's answer that is JSON text already (items as stored): sent as is rather than parsed and re-serialised. */
export class RawJson {
  constructor(readonly text: string) {}
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, what);
  return result.data;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** A session token (agents, supervisors, admins, channel accounts) or a channel integration's API key. */
export function authenticate(platform: Platform, token: string | undefined): Principal {
  return authenticateSession(platform, token).principal;
}

/** The principal and when its session ends (null: an API key, which ends only with the config). */
export function authenticateSession(platform: Platform, token: string | undefined): { principal: Principal; expiresAt: number | null } {
  if (token === undefined) throw new SwitchboardError('UNAUTHENTICATED', 'missing bearer token; log in with POST /v1/auth/login and send Authorization: Bearer TOKEN');
  // API keys first: a Map lookup by digest, where a key taken for a session token would cost a query.
  const integration = platform.integrations.size > 0 && token.length <= 200 ? platform.integrations.get(apiKeyDigest(token)) : undefined;
  if (integration) return { principal: integration, expiresAt: null };
  const info = platform.tokens.verify(token);
  const principal = info ? platform.principals.get(info.username) : undefined;
  if (!info || !principal) throw new SwitchboardError('UNAUTHENTICATED', 'the token is unknown or has expired; log in again');
  return { principal, expiresAt: info.expiresAt };
}

function send(reply: FastifyReply, status: number, json: string | undefined): FastifyReply {
  reply.code(status);
  if (json === undefined) return reply.send();
  return reply.header('content-type', 'application/json; charset=utf-8').send(json);
}

/** The handler's answer as JSON text (undefined: no body). A plain function, not a closure per request. */
function answerOf(handler: (input: never) => unknown, input: { principal: Principal; body: unknown; query: unknown; params: unknown; request: FastifyRequest }): string | undefined {
  const result = handler(input as never);
  if (result === undefined) return undefined;
  return result instanceof RawJson ? result.text : JSON.stringify(result);
}

function pathOf(request: FastifyRequest): string {
  const url = request.url;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function defineRoute<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined>(
  app: FastifyInstance,
  platform: Platform,
  spec: RouteSpec<B, Q, P>,
): void {
  const status = spec.status ?? 200;
  const { permission, method } = spec;
  const scope = permission === null ? null : PERMISSIONS[permission].scope;
  platform.routeDocs.push({ method, url: spec.url, summary: spec.summary, permission, scope, body: spec.body, query: spec.query, params: spec.params, response: spec.response, status });
  const fastifyUrl = spec.url.replace(/\{(\w+)\}/g, ':$1');
  const run = spec.run?.bind(spec);
  if ((spec.handler === undefined) === (run === undefined)) throw new Error(`${method} ${spec.url}: give exactly one of handler or run`);
  const handler = spec.handler?.bind(spec) ?? (() => undefined);
  app.route({
    method,
    url: fastifyUrl,
    handler: async (request, reply) => {
      let principal = undefined as unknown as Principal;
      if (permission !== null) {
        principal = authenticate(platform, bearerToken(request));
        authorize(principal, permission);
      }
      const creates = spec.creates;
      // every stored change counts against the caller's write limit (config limits; 429 past it)
      const metered = permission !== null && spec.unmetered !== true;
      const input = {
        principal,
        params: spec.params ? parse(spec.params, request.params, 'path parameter') : undefined,
        query: spec.query ? parse(spec.query, request.query ?? {}, 'query') : undefined,
        body: spec.body ? parse(spec.body, request.body ?? {}, 'body') : undefined,
        request,
      };
      if (run !== undefined) {
        const result = await run(input as never);
        return send(reply, status, result === undefined ? undefined : JSON.stringify(result));
      }
      if (method === 'GET') return send(reply, status, answerOf(handler, input));

      const keyHeader = request.headers['idempotency-key'];
      const key = typeof keyHeader === 'string' && scope !== null ? keyHeader : undefined;
      if (key === undefined) {
        if (metered) platform.quota.check(principal, creates);
        const json = platform.core.tx(() => answerOf(handler, input));
        if (metered) platform.quota.record(principal, creates);
        // Answer only once the change is durable (group commit: at most one event-loop turn away).
        await platform.core.committed();
        return send(reply, status, json);
      }
      if (key.length === 0 || key.length > 200) {
        throw new SwitchboardError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 200 characters', [{ path: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
      }
      const path = pathOf(request);
      const outcome = platform.core.tx(() => {
        const previous = platform.idempotency.find(principal.username, key, platform.core.now() - IDEMPOTENCY_TTL_MS);
        if (previous) {
          if (previous.method !== method || previous.path !== path) {
            throw new SwitchboardError('VALIDATION_FAILED', `Idempotency-Key "${key}" was already used for ${previous.method} ${previous.path}`, [
              { path: 'Idempotency-Key', message: 'already used for a different request' },
            ]);
          }
          return { status: previous.status, json: previous.body === '' ? undefined : previous.body, replayed: true };
        }
        // a replay changes nothing, so only a first request is held to the limits
        if (metered) platform.quota.check(principal, creates);
        const json = answerOf(handler, input);
        if (metered) platform.quota.record(principal, creates);
        platform.idempotency.store(principal.username, key, method, path, status, json ?? '', platform.core.now());
        return { status, json, replayed: false };
      });
      await platform.core.committed();
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return send(reply, outcome.status, outcome.json);
    },
  });
}
