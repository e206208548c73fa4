import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LoginRequestSchema, LoginResponseSchema, SipCredentialsResponseSchema, type LoginResponse, type SipCredentialsResponse } from '../../../common/api';
import { SwitchboardError } from '../../../common/errors';
import { RateLimitedError } from '../../auth/rate-limited';
import { sipCredentials } from '../../auth/sip';
import type { Platform } from '../context';
import { bearerToken, defineRoute } from '../route';

export function authRoutes(app: FastifyInstance, platform: Platform): void {
  defineRoute(app, platform, {
    method: 'POST',
    url: '/v1/auth/login',
    summary: 'Log in: a bearer token, the agent, and SIP credentials when the platform has a SIP edge',
    permission: null,
    body: LoginRequestSchema,
    response: LoginResponseSchema,
    run: async ({ body, request }) => {
      const { core, limiter, hasher } = platform;
      const source = request.ip;
      const retry = limiter.retryAfterSeconds(body.username, source);
      if (retry > 0) throw new RateLimitedError(`too many logins for ${body.username} or from ${source}; try again in ${retry} s`, retry);
      const agent = platform.principals.get(body.username)?.agent ?? null;
      // Unknown names are checked against a hash of the same cost, so both answers take as long.
      const matches = await hasher.verify(body.password, agent?.passwordHash ?? platform.unknownUserHash);
      if (agent === null || !matches) {
        limiter.fail(body.username, source);
        throw new SwitchboardError('UNAUTHENTICATED', 'wrong username or password');
      }
      limiter.succeed(body.username, source);
      const token = core.tx(() => platform.tokens.issue(agent.username).token);
      await core.committed();
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
    unmetered: true,
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
    unmetered: true,
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
