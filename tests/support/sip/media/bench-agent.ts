/**
 * A lean agent for the SIP edge benchmark: signs in to the platform, holds its events WebSocket, registers
 * its softphone (sip.js over WebSocket, the login's short-lived credentials) and, like the desktop, accepts
 * every call offered, auto-answers the INVITE that names the accepted item, and closes wrap-up with a
 * disposition so it is free for the next call. It stamps the moments the benchmark needs.
 */
import WebSocket from 'ws';
import { Registerer, UserAgent, type Invitation, type SessionDescriptionHandlerFactory } from 'sip.js';
import { z } from 'zod';

import { LoginResponseSchema } from '../../../../common/api';

/** Wall-clock milliseconds with sub-millisecond precision: comparable with SIPp's trace stamps. */
export const wallClock = (): number => performance.timeOrigin + performance.now();

const EventSchema = z.object({
  type: z.string(),
  workitem: z.object({ workitemId: z.string(), state: z.string(), agentUsername: z.string().nullish(), channelType: z.string().nullish() }).passthrough().optional(),
});

/**
 * sip.js 0.21 throws from a timer when an answered call's ACK times out after the call already ended
 * ("Invalid state transition from Terminated to Terminated"): under load that is a lost ACK, which the run
 * counts as a failure, not a reason to kill the load generator. Any other uncaught error still ends it.
 * Call dispose() when the run is over.
 */
export function tolerateSipJsAckTimeoutRace(): { swallowed: () => number; dispose: () => void } {
  let swallowed = 0;
  const onError = (error: Error): void => {
    if (/Invalid state transition from Terminated to Terminated/.test(error.message)) {
      swallowed += 1;
      return;
    }
    console.error(error);
    process.exit(1);
  };
  process.on('uncaughtException', onError);
  return { swallowed: () => swallowed, dispose: () => process.off('uncaughtException', onError) };
}

export type BenchAgentMoments = { offeredAt: number[]; acceptSentAt: number[] };

export class BenchAgent {
  readonly moments: BenchAgentMoments = { offeredAt: [], acceptSentAt: [] };
  /** Items this agent accepted and has not seen end: the INVITE naming one of these is auto-answered. */
  private readonly accepted = new Set<string>();
  private readonly closedItems = new Set<string>();
  errors: string[] = [];

  private constructor(
    readonly username: string,
    private readonly platformUrl: string,
    private readonly token: string,
    private readonly events: WebSocket,
    private readonly ua: UserAgent,
    private readonly registerer: Registerer,
    private readonly dispositionCode: string,
  ) {}

  static async start(options: { platformUrl: string; username: string; password: string; dispositionCode: string; sdh: SessionDescriptionHandlerFactory }): Promise<BenchAgent> {
    const response = await fetch(new URL('/v1/auth/login', options.platformUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: options.username, password: options.password }),
    });
    if (!response.ok) throw new Error(`login ${options.username}: ${response.status} ${await response.text()}`);
    const login = LoginResponseSchema.parse(await response.json());
    if (!login.sip) throw new Error('the platform gave no SIP credentials: is its `sip` block set?');
    const events = new WebSocket(new URL('/v1/events', options.platformUrl.replace(/^http/, 'ws')), { headers: { authorization: `Bearer ${login.token}` } });
    await new Promise<void>((resolve, reject) => {
      events.once('open', () => resolve());
      events.once('error', reject);
    });
    const uri = UserAgent.makeURI(login.sip.uri);
    if (!uri) throw new Error(`bad SIP URI from login: ${login.sip.uri}`);
    const ua = new UserAgent({
      uri,
      authorizationUsername: login.sip.authorizationUsername,
      authorizationPassword: login.sip.authorizationPassword,
      transportOptions: { server: login.sip.wsUrl, traceSip: false },
      sessionDescriptionHandlerFactory: options.sdh,
      logLevel: 'error',
      logBuiltinEnabled: false,
    });
    const registerer = new Registerer(ua);
    const agent = new BenchAgent(options.username, options.platformUrl, login.token, events, ua, registerer, options.dispositionCode);
    events.on('message', (data: WebSocket.RawData) => agent.onEvent(data));
    ua.delegate = { onInvite: (invitation) => agent.onInvite(invitation) };
    await ua.start();
    await new Promise<void>((resolve, reject) => {
      registerer.stateChange.addListener((state) => (state === 'Registered' ? resolve() : undefined));
      registerer.register({ requestDelegate: { onReject: (r) => reject(new Error(`REGISTER refused: ${r.message.statusCode}`)) } }).catch(reject);
    });
    await agent.post('/v1/agents/me/presence', { state: 'available' }, 'PUT');
    return agent;
  }

  /** Goes offline first, so the platform offers nothing more to an agent that is leaving. */
  async stop(): Promise<void> {
    await this.post('/v1/agents/me/presence', { state: 'offline' }, 'PUT').catch(() => undefined);
    this.events.close();
    await this.registerer.unregister().catch(() => undefined);
    await this.ua.stop();
  }

  private onEvent(data: WebSocket.RawData): void {
    const parsed = EventSchema.safeParse(JSON.parse(data.toString()));
    if (!parsed.success || !parsed.data.workitem) return;
    const { type, workitem } = parsed.data;
    const id = workitem.workitemId;
    if (type === 'workitem.offered') {
      this.moments.offeredAt.push(wallClock());
      this.accepted.add(id);
      this.moments.acceptSentAt.push(wallClock());
      this.post(`/v1/workitems/${id}/accept`, {}).catch((error: unknown) => this.fail(`accept ${id}`, error));
    } else if (type === 'workitem.updated' && workitem.state === 'terminated' && workitem.agentUsername === this.username && !this.closedItems.has(id)) {
      this.closedItems.add(id);
      this.accepted.delete(id);
      this.post(`/v1/workitems/${id}/disposition`, { code: this.dispositionCode }).catch((error: unknown) => this.fail(`disposition ${id}`, error));
    }
  }

  private onInvite(invitation: Invitation): void {
    const item = invitation.request.getHeader('X-Workitem-Id');
    if (!item || !this.accepted.has(item)) {
      invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    invitation.accept().catch((error: unknown) => this.fail(`answer ${item}`, error));
  }

  private async post(pathName: string, body: unknown, method = 'POST'): Promise<void> {
    const response = await fetch(new URL(pathName, this.platformUrl), {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${pathName}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }

  private fail(what: string, error: unknown): void {
    this.errors.push(`${this.username} ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
