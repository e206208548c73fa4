/**
 * The session: sign-in and sign-out, the token (in the TokenStore) and the stored session (in outbox.db:
 * who, which platform, and the login answer's `sip` and `iceServers`), and resuming it when the core
 * restarts with a stored token. Other services learn of sign-in and sign-out through `onChange`.
 */
import { randomUUID } from 'node:crypto';
import type { Session } from '../../../common/desktop-api';
import { SwitchboardError } from '../../../common/errors';
import type { Cache } from '../cache/cache';
import type { OutboxStore, StoredSession } from '../outbox/outbox-store';
import { PlatformClient } from '../platform/http-client';
import type { SettingsPolicy } from '../settings';
import type { TokenStore } from '../token-store';
import type { CoreService, OperationHandlers, OperationInput } from './context';

/** A signed-in agent: the stored session, its token, and a platform client carrying the token. */
export type ActiveSession = { readonly stored: StoredSession; readonly token: string; readonly client: PlatformClient };

/** Called with the new session after a sign-in (or a resumed one), and with null after a sign-out. */
export type SessionListener = (active: ActiveSession | null) => void;

export type SessionDeps = {
  store: OutboxStore;
  tokenStore: TokenStore;
  cache: Cache;
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
  private stored: StoredSession | null;
  private active: ActiveSession | null = null;
  private readonly listeners = new Set<SessionListener>();
  private readonly policyPlatformUrl: string | undefined;

  readonly handlers: OperationHandlers = {
    signIn: (request) => this.signIn(request),
    signOut: async () => {
      await this.goOffline();
      await this.signOutLocally();
      return { done: true as const };
    },
    getSession: () => this.view(),
  };

  constructor(private readonly deps: SessionDeps) {
    this.stored = deps.store.getSession();
    const fromPolicy = deps.policy.values.platformUrl;
    this.policyPlatformUrl = typeof fromPolicy === 'string' ? fromPolicy : undefined;
  }

  /** Resume the stored session when the token survived the restart. */
  async start(): Promise<void> {
    const token = await this.deps.tokenStore.load();
    if (this.stored !== null && token !== null) this.activate(this.stored, token);
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

  /** Forget the token (the platform refused it, or the agent signed out); the stored session stays. */
  /**
   * Tells the platform the agent is offline, so nothing more is offered to a desktop that signed out. Sent
   * directly, not through the outbox: the outbox's rows need the token this sign-out is about to drop.
   */
  private async goOffline(): Promise<void> {
    if (this.active === null) return;
    try {
      await this.active.client.setPresence({ state: 'offline' }, `sign-out-${randomUUID()}`);
    } catch {
      // Signing out must work without the platform too (offline, or the token already refused); the agent
      // is then left in the state the platform has, as before this call existed. Nothing to retry later.
    }
  }

  async signOutLocally(): Promise<void> {
    this.active = null;
    if (this.stored !== null && (this.stored.sip !== undefined || this.stored.iceServers !== undefined)) {
      this.stored = withoutCredentials(this.stored);
      this.deps.store.saveSession(this.stored);
    }
    this.notify(null);
    await this.deps.tokenStore.clear();
  }

  private async signIn(request: OperationInput<'signIn'>): Promise<Session> {
    const platformUrl = this.resolvePlatformUrl(request.platformUrl);
    const login = await new PlatformClient(platformUrl).login(request.username, request.password);
    await this.deps.tokenStore.save(login.token);
    const next: StoredSession = { platformUrl, username: login.agent.username, agent: login.agent };
    if (login.sip !== undefined) next.sip = login.sip;
    if (login.iceServers !== undefined) next.iceServers = login.iceServers;
    this.deps.store.saveSession(next);
    this.activate(next, login.token);
    return this.view();
  }

  private activate(stored: StoredSession, token: string): void {
    this.stored = stored;
    this.active = { stored, token, client: new PlatformClient(stored.platformUrl, token) };
    if (this.deps.cache.getSyncState().username !== accountKey(stored)) this.deps.cache.resetForUser(accountKey(stored));
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
