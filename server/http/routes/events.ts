/**
 * GET /v1/events (WebSocket). Replays every event after `since` the caller may see, then streams live.
 * Replay and subscribe happen in one synchronous step: better-sqlite3 is synchronous, and events are
 * published as soon as their commit is durable, when `committedSeq` (where a replay stops) moves past
 * them, so no event can fall between the two; the last-sent seq guards
 * against sending one twice all the same.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import WebSocket from 'ws';
import { EventsQuerySchema } from '../../../common/api';
import { validationError } from '../../../common/errors';
import { authorize } from '../../auth/permissions';
import { canSee, type Principal } from '../../auth/principal';
import type { StoredEvent } from '../../store/events';
import type { Platform } from '../context';
import { authenticateSession, bearerToken } from '../route';

/**
 * Each event's body as UTF-8 bytes, encoded once for all its recipients: `send` of a string would encode
 * it again for every socket (a queue's figures go to every agent of the queue).
 */
const encoded = new WeakMap<StoredEvent, Buffer>();

function bytesOf(event: StoredEvent): Buffer {
  let bytes = encoded.get(event);
  if (bytes === undefined) {
    bytes = Buffer.from(event.body, 'utf8');
    encoded.set(event, bytes);
  }
  return bytes;
}

/** A client this far behind is dropped; it reconnects with `since` and loses nothing. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    eventsPrincipal?: Principal;
    eventsSince?: number;
    eventsToken?: string;
    eventsExpiresAt?: number | null;
  }
}

/** Close code when the stream's session ends (revoked by logout, or expired): the client signs in again. */
const SESSION_ENDED = 4001;
/** setTimeout's longest delay; a later expiry is checked again when it fires */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The streams each session opened, so that logout or expiry ends them too (not only new requests). */
function sessionEnder(platform: Platform) {
  const streams = new Map<WebSocket, { token: string; username: string }>();
  platform.tokens.onRevoke((revoked) => {
    for (const [socket, session] of streams) {
      if (session.token === revoked.token) socket.close(SESSION_ENDED, 'signed out');
      else if (session.username === revoked.username) {
        // `some`: a few of the user's tokens (the oldest, past the per-user cap); the others stay open
        if (!revoked.some || platform.tokens.verify(session.token) === undefined) socket.close(SESSION_ENDED, 'signed out');
      }
    }
  });
  return {
    track(socket: WebSocket, token: string, username: string, expiresAt: number | null): () => void {
      streams.set(socket, { token, username });
      let timer: NodeJS.Timeout | undefined;
      const check = () => {
        if (platform.tokens.verify(token) === undefined) return socket.close(SESSION_ENDED, 'session expired; sign in again');
        schedule();
      };
      const schedule = () => {
        if (expiresAt === null) return;
        timer = setTimeout(check, Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - platform.core.now())));
        timer.unref();
      };
      schedule();
      return () => {
        clearTimeout(timer);
        streams.delete(socket);
      };
    },
  };
}

export function eventRoutes(app: FastifyInstance, platform: Platform, sockets: Set<WebSocket>): void {
  const sessions = sessionEnder(platform);
  platform.routeDocs.push({
    method: 'GET',
    url: '/v1/events',
    summary:
      'WebSocket. ?since=SEQ replays every visible event after SEQ, then streams live; token in Authorization: Bearer or ?access_token=. Each message: {seq, type, at, workitem?, workitemId?, queue?, agent?, offer?, message?}',
    permission: 'items.read',
    scope: 'workitems:read',
    query: EventsQuerySchema,
    status: 101,
  });

  app.get(
    '/v1/events',
    {
      websocket: true,
      preValidation: async (request: FastifyRequest) => {
        const parsed = EventsQuerySchema.safeParse(request.query ?? {});
        if (!parsed.success) throw validationError(parsed.error, 'query');
        const token = bearerToken(request) ?? parsed.data.access_token;
        const { principal, expiresAt } = authenticateSession(platform, token);
        authorize(principal, 'items.read');
        request.eventsPrincipal = principal;
        request.eventsToken = token;
        request.eventsExpiresAt = expiresAt;
        request.eventsSince = parsed.data.since;
      },
    },
    (socket, request) => {
      const principal = request.eventsPrincipal!;
      sockets.add(socket);
      const core = platform.core;
      let lastSent = request.eventsSince ?? core.committedSeq;
      const deliver = (event: StoredEvent) => {
        if (event.seq <= lastSent || socket.readyState !== WebSocket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(1013, `too far behind; reconnect with since=${lastSent}`);
          return;
        }
        lastSent = event.seq;
        // Events of one commit leave in one write: cork now, uncork once the current task is done.
        if (!corked) {
          corked = true;
          raw?.cork();
          setImmediate(uncork);
        }
        // a text frame, as the JSON is
        socket.send(bytesOf(event), { binary: false });
      };
      const raw = (socket as unknown as { _socket?: import('node:net').Socket })._socket;
      let corked = false;
      const uncork = () => {
        corked = false;
        raw?.uncork();
      };
      if (request.eventsSince !== undefined) {
        // Only committed events: those of the batch still open are published (live) when it commits.
        const upTo = core.committedSeq;
        for (const event of core.events.after(request.eventsSince)) {
          if (event.seq > upTo) break;
          if (canSee(principal, event.audience)) deliver(event);
        }
      }
      const unsubscribe = platform.core.hub.subscribe({ principal, send: deliver });
      const untrack = sessions.track(socket, request.eventsToken!, principal.username, request.eventsExpiresAt ?? null);
      socket.on('close', () => {
        untrack();
        unsubscribe();
        sockets.delete(socket);
      });
      socket.on('error', () => socket.terminate());
      // Clients only listen; anything they send is ignored.
      socket.on('message', () => undefined);
    },
  );
}
