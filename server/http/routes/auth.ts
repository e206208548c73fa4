import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LoginRequestSchema, LoginResponseSchema, SipCredentialsResponseSchema, type LoginResponse, type SipCredentialsResponse } from '../../../common/api';
import { SwitchboardError } from '../../../common/errors';
import { verifyPassword } from '../../auth/passwords';
import { sipCredentials } from '../../auth/sip';
import type { Platform } from '../context';
import { bearerToken, defineRoute } from '../route';

/** A hash to compare against when the username is unknown, so both cases take the same time. */
const DUMMY_HASH = 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function authRoutes(app: FastifyInstance, platform: Platform): void {
  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/auth/login',
    summary: 'Log in: a bearer token, the agent, and SIP credentials when the platform has a SIP edge',
    permission: null,
    body: LoginRequestSchema,
    response: LoginResponseSchema,
    handler: ({ body, request }) => {
      const { core, limiter } = platform;
      const key = `${request.ip}|${body.username}`;
      const retry = limiter.retryAfterSeconds(key);
      if (retry > 0) throw new SwitchboardError('RATE_LIMITED', `too many failed logins for ${body.username}; try again in ${retry} s`);
      const principal = platform.principals.get(body.username);
      const valid = verifyPassword(body.password, principal?.agent?.passwordHash ?? DUMMY_HASH) && principal?.agent != null;
      if (!valid) {
        limiter.fail(key);
        throw new SwitchboardError('UNAUTHENTICATED', 'wrong username or password');
      }
      limiter.succeed(key);
      const { token } = platform.tokens.issue(principal.username);
      const agent = principal.agent!;
      const response: LoginResponse = {
        token,
        agent: { username: agent.username, displayName: agent.displayName, scopes: agent.scopes, queues: agent.queues, teams: agent.teams },
      };
      if (core.config.sip) response.sip = sipCredentials(core.config.sip, agent.username, core.now());
      if (core.config.iceServers) response.iceServers = core.config.iceServers;
      return response;
    },
  });

  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/auth/logout',
    summary: 'Extension: end this session — the token is revoked at once (its event streams close) and the agent goes offline, so no more work is offered',
    permission: 'session.end',
    body: z.strictObject({}),
    status: 204,
    handler: ({ principal, request }) => {
      if (principal.agent === null) throw new SwitchboardError('VALIDATION_FAILED', `${principal.username} signs in with an API key, not a session: remove the key from the config to revoke it`);
      platform.tokens.revoke(bearerToken(request)!);
      platform.core.setPresence(principal.username, 'offline', null);
      return undefined;
    },
  });

  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/agents/me/sip-credentials',
    summary: 'Extension: renew the agent’s SIP credentials before `sip.expiresAt` (same shape as login’s `sip` and `iceServers`); 404 when the platform has no SIP edge',
    permission: 'agent.self',
    body: z.strictObject({}),
    response: SipCredentialsResponseSchema,
    handler: ({ principal }) => {
      const { config } = platform.core;
      if (!config.sip) throw new SwitchboardError('NOT_FOUND', 'this platform has no SIP edge (no `sip` block in its config)');
      const response: SipCredentialsResponse = { sip: sipCredentials(config.sip, principal.username, platform.core.now()) };
      if (config.iceServers) response.iceServers = config.iceServers;
      return response;
    },
  });
}
