/**
 * A scripted agent's softphone for the signalling tests: sip.js 0.21.2 under Node, registering over
 * WebSocket with the credentials the platform's login hands out. Its media is a stand-in that produces a
 * valid WebRTC-style SDP (ICE, DTLS fingerprint, rtcp-mux) and sends nothing; the media tests use the real
 * WebRTC peer in ./media instead.
 */
import { randomBytes } from 'node:crypto';
import {
  Inviter,
  Registerer,
  SessionState,
  UserAgent,
  type BodyAndContentType,
  type Invitation,
  type Session,
  type SessionDescriptionHandler,
  type SessionDescriptionHandlerFactory,
} from 'sip.js';

export interface SipCredentialsLike {
  wsUrl: string;
  uri: string;
  authorizationUsername: string;
  authorizationPassword: string;
}

/** An SDP as a browser would write it; an answer takes the offer's media id. */
function webRtcStyleSdp(offer: string | undefined): string {
  const answer = offer !== undefined;
  const mid = /^a=mid:(\S+)/m.exec(offer ?? '')?.[1] ?? '0';
  const fingerprint = [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  return [
    'v=0',
    `o=- ${Date.now()} 1 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    `a=group:BUNDLE ${mid}`,
    'm=audio 9 UDP/TLS/RTP/SAVPF 0 101',
    'c=IN IP4 127.0.0.1',
    'a=rtcp:9 IN IP4 0.0.0.0',
    'a=candidate:1 1 udp 2122260223 127.0.0.1 9 typ host',
    `a=ice-ufrag:${randomBytes(4).toString('hex')}`,
    `a=ice-pwd:${randomBytes(12).toString('hex')}`,
    `a=fingerprint:sha-256 ${fingerprint}`,
    `a=setup:${answer ? 'active' : 'actpass'}`,
    `a=mid:${mid}`,
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    '',
  ].join('\r\n');
}

class SignallingOnlySdh implements SessionDescriptionHandler {
  private remote: string | undefined;

  getDescription(): Promise<BodyAndContentType> {
    return Promise.resolve({ body: webRtcStyleSdp(this.remote), contentType: 'application/sdp' });
  }
  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }
  setDescription(sdp: string): Promise<void> {
    this.remote = sdp;
    return Promise.resolve();
  }
  sendDtmf(): boolean {
    return false;
  }
  rollbackDescription(): Promise<void> {
    return Promise.resolve();
  }
  close(): void {
    this.remote = undefined;
  }
}

export const signallingOnlySdhFactory: SessionDescriptionHandlerFactory = () => new SignallingOnlySdh();

export interface AgentOptions {
  sessionDescriptionHandlerFactory?: SessionDescriptionHandlerFactory;
  /**
   * An overloaded desktop: each INVITE reaches sip.js this many ms after it arrived, so the phone sends
   * nothing (not even 100 or 180) meanwhile, then rings and may answer as usual.
   */
  inviteDelayMs?: number;
  /** An overloaded desktop: each BYE reaches sip.js this many ms after it arrived, so it is answered that late. */
  byeDelayMs?: number;
}

export class SipAgent {
  readonly invitations: Invitation[] = [];
  private readonly waiting: Array<(invitation: Invitation) => void> = [];
  private registerer: Registerer | undefined;

  private constructor(readonly ua: UserAgent) {}

  static async connect(credentials: SipCredentialsLike, options: AgentOptions = {}): Promise<SipAgent> {
    const uri = UserAgent.makeURI(credentials.uri);
    if (!uri) throw new Error(`bad SIP URI ${credentials.uri}`);
    let agent: SipAgent | undefined;
    const ua = new UserAgent({
      uri,
      transportOptions: { server: credentials.wsUrl, traceSip: false },
      authorizationUsername: credentials.authorizationUsername,
      authorizationPassword: credentials.authorizationPassword,
      sessionDescriptionHandlerFactory: options.sessionDescriptionHandlerFactory ?? signallingOnlySdhFactory,
      logBuiltinEnabled: false,
      logLevel: 'error',
      delegate: {
        onInvite: (invitation) => agent?.received(invitation),
      },
    });
    agent = new SipAgent(ua);
    if (options.inviteDelayMs !== undefined) delayRequests(ua, 'INVITE', options.inviteDelayMs);
    if (options.byeDelayMs !== undefined) delayRequests(ua, 'BYE', options.byeDelayMs);
    await ua.start();
    return agent;
  }

  /** REGISTER; resolves with the final status code (200 when registered, 401/403 when refused). */
  register(): Promise<number> {
    this.registerer ??= new Registerer(this.ua, { expires: 300 });
    const registerer = this.registerer;
    return new Promise((resolve, reject) => {
      registerer
        .register({
          requestDelegate: {
            onAccept: (response) => resolve(response.message.statusCode ?? 0),
            onReject: (response) => resolve(response.message.statusCode ?? 0),
          },
        })
        .catch((err: unknown) => reject(err instanceof Error ? err : new Error(String(err))));
    });
  }

  private received(invitation: Invitation): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(invitation);
    else this.invitations.push(invitation);
  }

  /** The next INVITE that reaches this agent. */
  nextInvitation(timeoutMs = 5_000): Promise<Invitation> {
    const queued = this.invitations.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(done);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new Error(`no INVITE reached ${this.ua.configuration.uri.toString()} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (invitation: Invitation) => {
        clearTimeout(timer);
        resolve(invitation);
      };
      this.waiting.push(done);
    });
  }

  /** Calls NUMBER for a work item; resolves with the final status of the INVITE and the session. */
  call(number: string, domain: string, workitemId: string): Promise<{ status: number; session: Session }> {
    const target = UserAgent.makeURI(`sip:${number}@${domain}`);
    if (!target) throw new Error(`bad number ${number}`);
    const inviter = new Inviter(this.ua, target, { extraHeaders: [`X-Workitem-Id: ${workitemId}`] });
    return new Promise((resolve, reject) => {
      inviter
        .invite({
          requestDelegate: {
            onAccept: (response) => resolve({ status: response.message.statusCode ?? 0, session: inviter }),
            onReject: (response) => resolve({ status: response.message.statusCode ?? 0, session: inviter }),
          },
        })
        .catch((err: unknown) => reject(err instanceof Error ? err : new Error(String(err))));
    });
  }

  async stop(): Promise<void> {
    await this.ua.stop();
  }
}

/** Hands INVITEs to the user agent DELAY ms late (the transport's other messages go through at once). */
function delayRequests(ua: UserAgent, method: 'INVITE' | 'BYE', delayMs: number): void {
  const deliver = ua.transport.onMessage;
  if (!deliver) throw new Error('sip.js has not wired its transport yet');
  ua.transport.onMessage = (message: string) => {
    if (message.startsWith(`${method} `)) setTimeout(() => deliver(message), delayMs);
    else deliver(message);
  };
}

/** Resolves when SESSION reaches STATE. */
export function sessionReaches(session: Session, state: SessionState, timeoutMs = 5_000): Promise<void> {
  if (session.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`session did not reach ${state} (is ${session.state})`)), timeoutMs);
    const listener = (next: SessionState) => {
      if (next !== state) return;
      clearTimeout(timer);
      session.stateChange.removeListener(listener);
      resolve();
    };
    session.stateChange.addListener(listener);
  });
}

export { SessionState };
