/**
 * The session: sign-in and sign-out, the token (in the TokenStore) and the stored session (in outbox.db:
 * who, which platform, and the login answer's `sip` and `iceServers`), and resuming it when the core
 * restarts with a stored token. Other services learn of sign-in and sign-out through `onChange`.
 */
import type { Session } from '../../../common/desktop-api';
import { SwitchboardError } from '../../../common/errors';
import type { RemoteCache, RemoteOutboxStore } from '../db/protocol';
import type { StoredSession } from '../outbox/outbox-store';
import { PlatformClient } from '../platform/http-client';
import { PlatformEndpoints } from '../platform/platform-endpoints';
import type { SettingsPolicy } from '../settings';
import type { TokenStore } from '../token-store';
import type { CoreService, OperationHandlers, OperationInput } from './context';

/** A signed-in agent: the stored session, its token, and a platform client carrying the token. */
export type ActiveSession = { readonly stored: StoredSession; readonly token: string; readonly client: PlatformClient };

/** Called with the new session after a sign-in (or a resumed one), and with null after a sign-out. */
export type SessionListener = (active: ActiveSession | null) => void;

export type SessionDeps = {
  store: RemoteOutboxStore;
  tokenStore: TokenStore;
  cache: RemoteCache;
  policy: SettingsPolicy;
  /** the platform to sign in to when neither the request nor the policy names one */
  defaultPlatformUrl?: string;
};

/** The cache belongs to one agent on one platform; another one starts from empty. */
function accountKey(session: StoredSession): string {
  return `${session.username} ${session.platformUrl}`;
}

/** The SIP credentials are as secret as the token: they do not outlive the sign-in they came with. */
function withoutCredentials(session: StoredSession): StoredSession {
  return { platformUrl: session.platformUrl, username: session.username, agent: session.agent };
}

export class SessionService implements CoreService {
  readonly name = 'session';
  /** the last agent who signed in here, kept after sign-out (whose pending actions count, which platform to offer) */
  private stored: StoredSession | null = null;
  private active: ActiveSession | null = null;
  private readonly listeners = new Set<SessionListener>();
  private readonly policyPlatformUrl: string | undefined;
  /** the policy's further nodes of the platform (docs/scaling.md "Several nodes"): sign-in and every call fail over to them */
  private readonly failoverUrls: string[];

  readonly handlers: OperationHandlers = {
    signIn: (request) => this.signIn(request),
    signOut: async () => {
      await this.endPlatformSession();
      await this.signOutLocally();
      return { done: true as const };
    },
    getSession: () => this.view(),
  };

  constructor(private readonly deps: SessionDeps) {
    const fromPolicy = deps.policy.values.platformUrl;
    this.policyPlatformUrl = typeof fromPolicy === 'string' ? fromPolicy : undefined;
    const failover = deps.policy.values.platformFailoverUrls;
    this.failoverUrls = Array.isArray(failover) ? failover.filter((url): url is string => typeof url === 'string') : [];
  }

  /** The nodes to use: the one signed in to first (it names the account), then the policy's others. */
  private endpointsFor(platformUrl: string): PlatformEndpoints {
    return new PlatformEndpoints(platformUrl, this.failoverUrls);
  }

  /** Resume the stored session when the token survived the restart. */
  async start(): Promise<void> {
    this.stored = await this.deps.store.getSession();
    const token = await this.deps.tokenStore.load();
    if (this.stored !== null && token !== null) await this.activate(this.stored, token);
  }

  /** The signed-in agent, or null. */
  get current(): ActiveSession | null {
    return this.active;
  }

  /** The last agent who signed in here, signed in or not. */
  get lastUsername(): string | null {
    return this.stored?.username ?? null;
  }

  /** The signed-in agent, or UNAUTHENTICATED. */
  require(): ActiveSession {
    if (this.active === null) throw new SwitchboardError('UNAUTHENTICATED', 'Sign in first.');
    return this.active;
  }

  onChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Sign-out ends the session on the platform too: the token stops working everywhere and the agent goes
   * offline, so no more work is offered to a desktop nobody watches. Offline or refused, the local
   * sign-out goes ahead (the token then ends at its expiry).
   */
  private async endPlatformSession(): Promise<void> {
    try {
      await this.active?.client.logout();
    } catch {
      // nothing more to do: the platform is unreachable or already refuses the token
    }
  }

  /**
   * The softphone renewed the SIP credentials before they expired: they replace the login's in the stored
   * session (a restarted core registers with them) and in what getSession answers. A session that ended
   * meanwhile (sign-out, another agent) is left alone: its credentials were dropped with it.
   */
  async replaceCredentials(session: ActiveSession, sip: NonNullable<StoredSession['sip']>, iceServers?: StoredSession['iceServers']): Promise<void> {
    if (this.active?.token !== session.token) return;
    const stored: StoredSession = { ...this.active.stored, sip, ...(iceServers !== undefined ? { iceServers } : {}) };
    await this.deps.store.saveSession(stored);
    if (this.active?.token !== session.token) return;
    this.stored = stored;
    this.active = { ...this.active, stored };
  }

  /** Forget the token (the platform refused it, or the agent signed out); the stored session stays. */
  async signOutLocally(): Promise<void> {
    this.active = null;
    if (this.stored !== null && (this.stored.sip !== undefined || this.stored.iceServers !== undefined)) {
      this.stored = withoutCredentials(this.stored);
      await this.deps.store.saveSession(this.stored);
    }
    this.notify(null);
    await this.deps.tokenStore.clear();
  }

  private async signIn(request: OperationInput<'signIn'>): Promise<Session> {
    const platformUrl = this.resolvePlatformUrl(request.platformUrl);
    const login = await new PlatformClient(this.endpointsFor(platformUrl)).login(request.username, request.password);
    await this.deps.tokenStore.save(login.token);
    const next: StoredSession = { platformUrl, username: login.agent.username, agent: login.agent };
    if (login.sip !== undefined) next.sip = login.sip;
    if (login.iceServers !== undefined) next.iceServers = login.iceServers;
    await this.deps.store.saveSession(next);
    await this.activate(next, login.token);
    return this.view();
  }

  private async activate(stored: StoredSession, token: string): Promise<void> {
    // The cache is another agent's (or empty): forget it before anything reads it as this agent's.
    if ((await this.deps.cache.getSyncState()).username !== accountKey(stored)) await this.deps.cache.resetForUser(accountKey(stored));
    this.stored = stored;
    this.active = { stored, token, client: new PlatformClient(this.endpointsFor(stored.platformUrl), token) };
    this.notify(this.active);
  }

  private notify(active: ActiveSession | null): void {
    for (const listener of [...this.listeners]) listener(active);
  }

  private resolvePlatformUrl(requested: string | undefined): string {
    if (this.deps.policy.locked.includes('platformUrl') && this.policyPlatformUrl !== undefined) return this.policyPlatformUrl;
    const url = requested ?? this.policyPlatformUrl ?? this.deps.defaultPlatformUrl ?? this.stored?.platformUrl;
    if (!url) throw new SwitchboardError('VALIDATION_FAILED', 'No platform URL: enter the address of your platform.', [{ path: 'platformUrl', message: 'required' }]);
    return url;
  }

  private view(): Session {
    const view: Session = {
      agent: this.active?.stored.agent ?? null,
      platformUrl: this.stored?.platformUrl ?? this.policyPlatformUrl ?? this.deps.defaultPlatformUrl ?? null,
      tokenInMemoryOnly: this.deps.tokenStore.inMemoryOnly,
    };
    if (this.active?.stored.sip !== undefined) view.sip = this.active.stored.sip;
    if (this.active?.stored.iceServers !== undefined) view.iceServers = this.active.stored.iceServers;
    return view;
  }
}
