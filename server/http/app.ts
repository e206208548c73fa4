/**
 * The Fastify app: JSON only, one error shape for everything (never a 500 for bad input), the routes,
 * and GET /v1/openapi.json.
 */
import websocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import { HTTP_STATUS_OF, SwitchboardError, type ErrorBody } from '../../common/errors';
import { RateLimitedError } from '../auth/rate-limited';
import type { Platform } from './context';
import { openApiDocument } from './openapi';
import { authRoutes } from './routes/auth';
import { eventRoutes } from './routes/events';
import { miscRoutes } from './routes/misc';
import { syncRoutes } from './routes/sync';
import { workitemRoutes } from './routes/workitems';

export const BODY_LIMIT_BYTES = 1024 * 1024;

function body(code: string, message: string, fields?: ErrorBody['error']['fields']): ErrorBody {
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}

/** Fastify's own 4xx errors (parsing, content type, size) in the contract's shape. */
function frameworkError(err: FastifyError): { status: number; body: ErrorBody } | undefined {
  const status = err.statusCode ?? 500;
  if (status < 400 || status >= 500) return undefined;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: body('VALIDATION_FAILED', `request body larger than ${BODY_LIMIT_BYTES} bytes`) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: body('VALIDATION_FAILED', 'send JSON bodies with Content-Type: application/json') };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: body('VALIDATION_FAILED', 'Content-Length does not match the body') };
    default:
      return { status: status === 413 || status === 415 ? status : 400, body: body('VALIDATION_FAILED', err.message || 'bad request') };
  }
}

/**
 * A request body: JSON, or {} when empty or blank. Parsed as is first (JSON.parse skips surrounding
 * whitespace itself), so the common case costs no trimmed copy; `done` is called outside any try, so an
 * error thrown further down the request is never mistaken for malformed JSON.
 */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    // Blank, or padded with what String#trim removes but JSON does not (a byte order mark, NBSP).
    const trimmed = text.trim();
    if (trimmed === '') return {};
    if (trimmed.length !== text.length) return parseJsonBody(trimmed);
    return new SwitchboardError('VALIDATION_FAILED', `malformed JSON body: ${(err as Error).message}`, [{ path: '(body)', message: 'malformed JSON' }]);
  }
}

/**
 * `trustProxy`: believe X-Forwarded-For for `request.ip` (the login limits count per source). Only a cluster
 * node sets it: its front door hands every request over after putting there the one client address it
 * vouches for (server/cluster/cluster-node.ts); a platform on its own trusts nobody.
 */
export async function buildApp(platform: Platform, options: { logger: Logger | false; trustProxy?: boolean }): Promise<{ app: FastifyInstance; sockets: Set<WebSocket> }> {
  // Logs go to stderr (the pino instance's destination): stdout carries only the `listening on` line.
  // Per-request logs would cost more than the requests at benchmark rates: Fastify logs warnings and up.
  const app = Fastify({ ...(options.logger ? { loggerInstance: options.logger.child({}, { level: 'warn' }) } : { logger: false }), bodyLimit: BODY_LIMIT_BYTES, return503OnClosing: true, ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}) }) as unknown as FastifyInstance;
  const sockets = new Set<WebSocket>();

  // JSON only; an empty body is an empty object (plain actions need none).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json(\s*;.*)?$/i, { parseAs: 'string' }, (_req, text, done) => {
    const parsed = parseJsonBody(text as string);
    if (parsed instanceof SwitchboardError) done(parsed, undefined);
    else done(null, parsed);
  });
  // A JSON body under another type (fetch's default text/plain, curl -d's form type) is still read as JSON:
  // refusing a well-formed body over a header helps nobody. A body that is not JSON is a 400 that says so.
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, text, done) => {
    const parsed = parseJsonBody(text as string);
    if (parsed instanceof SwitchboardError) {
      const type = String(req.headers['content-type'] ?? 'none');
      done(new SwitchboardError('VALIDATION_FAILED', `the body must be JSON (sent as Content-Type: application/json); got Content-Type ${type} and a body that is not JSON`, parsed.fields), undefined);
    } else done(null, parsed);
  });

  app.setErrorHandler((err: FastifyError | SwitchboardError, request, reply) => {
    if (err instanceof SwitchboardError) {
      if (err.code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer');
      if (err instanceof RateLimitedError) reply.header('retry-after', String(err.retryAfterSeconds));
      if (err.code === 'UNAVAILABLE') reply.header('retry-after', '1');
      return reply.code(HTTP_STATUS_OF[err.code]).send(err.toBody());
    }
    const mapped = frameworkError(err as FastifyError);
    if (mapped) return reply.code(mapped.status).send(mapped.body);
    request.log.error({ err }, 'unexpected error');
    platform.core.log.error({ err, url: request.url }, 'unexpected error');
    return reply.code(500).send(body('INTERNAL', 'internal error; the platform log has the details'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(body('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  });

  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  authRoutes(app, platform);
  workitemRoutes(app, platform);
  miscRoutes(app, platform);
  syncRoutes(app, platform);
  eventRoutes(app, platform, sockets);

  let document: string | undefined;
  app.get('/v1/openapi.json', (_request, reply) => {
    document ??= JSON.stringify(openApiDocument(platform.routeDocs, '1.0.0'));
    reply.header('content-type', 'application/json; charset=utf-8').send(document);
  });

  return { app, sockets };
}
