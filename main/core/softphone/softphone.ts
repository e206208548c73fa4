/**
 * The desktop softphone's signalling: one sip.js UserAgent under Node, registered at the SIP edge with the
 * credentials of the login response, kept registered across everything that can happen to it:
 *
 * - refresh: sip.js's Registerer re-registers before each registration expires;
 * - renewal: the credentials themselves expire (`expiresAt`); a fresh set is fetched (POST
 *   /v1/agents/me/sip-credentials) `renewBeforeMs` ahead and used from the next challenge on, then a
 *   REGISTER proves it; a registration refused with 401/403 also renews once before giving up;
 * - transport loss: reconnect with capped exponential backoff and full jitter (common/backoff.ts),
 *   re-register, and give every call an ICE-restart re-INVITE on the new connection. Calls are kept: a
 *   dialog does not depend on the WebSocket it was set up over.
 *
 * Electron-agnostic: the media engine, the work-item check and the change notification come in as options.
 */
import { Registerer, RegistererState, UserAgent, type Invitation, type LogLevel } from 'sip.js';
import type { IceServer, SipCredentials } from '../../../common/api';
import { SwitchboardError } from '../../../common/errors';
import type { AudioDevices, CallQuality, CallView, RegistrationState, SoftphoneView } from '../../../common/softphone-api';
import { Backoff } from '../../../common/backoff';
import { CallManager } from './call-manager';
import { ForwardingSessionDescriptionHandler } from './forwarding-sdh';
import type { MediaEngine } from './media-engine';
import { NodeWebSocketTransport, type NodeWebSocketTransportOptions } from './node-ws-transport';
import { CONSOLE_LOG, type SoftphoneLog } from './softphone-log';

export type RenewedCredentials = { sip: SipCredentials; iceServers?: IceServer[] };

export type SoftphoneOptions = {
  credentials: SipCredentials;
  iceServers?: IceServer[];
  engine: MediaEngine;
  /** POST /v1/agents/me/sip-credentials */
  renewCredentials: () => Promise<RenewedCredentials>;
  isAcceptedWorkitem: (workitemId: string) => boolean;
  onChange: (view: SoftphoneView) => void;
  devices?: AudioDevices;
  log?: SoftphoneLog;
  now?: () => number;
  backoff?: Backoff;
  /** renew this long before the credentials expire (default: a tenth of their life, at most 5 min) */
  renewBeforeMs?: number;
  /** the registration's Expires (seconds) */
  registerExpiresSec?: number;
  transport?: Partial<Omit<NodeWebSocketTransportOptions, 'server' | 'log'>>;
  random?: () => number;
  /** a call ended, with every quality figure reported during it */
  onCallEnded?: (call: CallView, qualitySamples: readonly CallQuality[]) => void;
};

const NO_DEVICES: AudioDevices = { microphone: null, speaker: null, ringer: null };

export class Softphone {
  readonly calls: CallManager;
  private credentials: SipCredentials;
  private iceServers: IceServer[];
  private devices: AudioDevices;
  private readonly userAgent: UserAgent;
  private readonly registerer: Registerer;
  private readonly log: SoftphoneLog;
  private readonly now: () => number;
  private readonly backoff: Backoff;
  private registration: SoftphoneView['registration'];
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private renewedAfterRefusal = false;

  constructor(private readonly options: SoftphoneOptions) {
    this.credentials = options.credentials;
    this.iceServers = options.iceServers ?? [];
    this.devices = options.devices ?? NO_DEVICES;
    this.log = options.log ?? CONSOLE_LOG;
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? new Backoff({ baseMs: 500, capMs: 30_000 });
    const uri = UserAgent.makeURI(this.credentials.uri);
    if (uri === undefined) throw new SwitchboardError('VALIDATION_FAILED', `The platform sent an invalid SIP address "${this.credentials.uri}".`);
    this.registration = { state: 'registering', since: this.now(), retryAt: null, error: null, uri: this.credentials.uri };

    this.calls = new CallManager({
      userAgent: () => this.userAgent,
      domain: uri.host,
      engine: options.engine,
      log: this.log,
      now: this.now,
      isAcceptedWorkitem: options.isAcceptedWorkitem,
      onChange: () => this.publish(),
      random: options.random,
      onEnded: options.onCallEnded,
    });

    const transportOptions: NodeWebSocketTransportOptions = { ...options.transport, server: this.credentials.wsUrl, log: this.log };
    this.userAgent = new UserAgent({
      uri,
      authorizationUsername: this.credentials.authorizationUsername,
      authorizationPassword: this.credentials.authorizationPassword,
      transportConstructor: NodeWebSocketTransport,
      transportOptions,
      // reconnectionAttempts stays at its default, 0: the softphone reconnects itself (with jitter, and
      // re-INVITEs the calls afterwards); naming the option only earns a deprecation warning
      sessionDescriptionHandlerFactory: (session) => new ForwardingSessionDescriptionHandler(this.calls.callIdOf(session), options.engine, this.log),
      logBuiltinEnabled: false,
      logLevel: 'warn',
      logConnector: (level: LogLevel, category: string, _label: string | undefined, content: string) => {
        if (level === 'error' || level === 'warn') this.log.warn(`sip.js ${category}: ${content}`);
      },
      userAgentString: 'Switchboard desktop',
      delegate: {
        onInvite: (invitation: Invitation) => {
          try {
            this.calls.onInvite(invitation);
          } catch (error) {
            this.log.warn(`could not take an incoming call: ${error instanceof Error ? error.message : String(error)}`);
            invitation.reject({ statusCode: 500 }).catch(() => undefined);
          }
        },
        onDisconnect: (error?: Error) => {
          if (this.stopped || error === undefined) return;
          this.log.warn(`lost the SIP edge: ${error.message}`);
          this.calls.markReconnecting(true);
          this.scheduleReconnect();
        },
      },
    });
    this.registerer = new Registerer(this.userAgent, { expires: options.registerExpiresSec ?? 300 });
    this.registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) {
        this.renewedAfterRefusal = false;
        this.setRegistration('registered', null);
      }
    });
  }

  /** Connects and registers; resolves once registered, rejects with the reason it could not. */
  async start(): Promise<void> {
    this.scheduleRenewal();
    try {
      await this.userAgent.start();
    } catch (error) {
      this.log.warn(`could not reach the SIP edge: ${error instanceof Error ? error.message : String(error)}`);
      this.scheduleReconnect();
      return;
    }
    await this.register();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    await this.calls.endAll();
    this.stopped = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    if (this.renewTimer !== null) clearTimeout(this.renewTimer);
    if (this.userAgent.isConnected()) await this.registerer.unregister().catch(() => undefined);
    await this.userAgent.stop().catch(() => undefined);
  }

  view(): SoftphoneView {
    return {
      registration: { ...this.registration },
      mediaEngineAttached: this.options.engine.isAttached(),
      iceServers: this.iceServers,
      devices: { ...this.devices },
      calls: this.calls.views(),
    };
  }

  setDevices(devices: Partial<AudioDevices>): AudioDevices {
    this.devices = { ...this.devices, ...devices };
    this.publish();
    return { ...this.devices };
  }

  reportQuality(callId: string, quality: CallQuality): void {
    this.calls.reportQuality(callId, quality);
  }

  /** A (re)attached media engine has no peer connections: every call renegotiates onto it. */
  async mediaEngineAttached(): Promise<void> {
    this.publish();
    if (this.userAgent.isConnected()) await this.calls.renegotiateAll();
  }

  place(number: string, workitemId: string | null = null): Promise<CallView> {
    if (this.registration.state !== 'registered') {
      return Promise.reject(new SwitchboardError('OFFLINE', 'The softphone is not registered at the SIP edge yet; try again in a moment.'));
    }
    return this.calls.place(number, workitemId);
  }

  /** For tests: drop the SIP WebSocket as a network failure would (no close handshake). */
  dropTransport(): void {
    (this.userAgent.transport as NodeWebSocketTransport).terminate();
  }

  private async register(): Promise<void> {
    this.setRegistration('registering', null);
    await new Promise<void>((resolve) => {
      this.registerer
        .register({
          requestDelegate: {
            onAccept: () => {
              // a re-REGISTER while already registered changes no Registerer state, so say it here
              this.renewedAfterRefusal = false;
              this.setRegistration('registered', null);
              resolve();
            },
            onReject: (response) => {
              const status = response.message.statusCode ?? 0;
              resolve();
              void this.registrationRefused(status, response.message.reasonPhrase ?? '');
            },
          },
        })
        .catch((error: unknown) => {
          // a REGISTER already in flight (a refresh) answers for this one too
          this.log.warn(`REGISTER not sent: ${error instanceof Error ? error.message : String(error)}`);
          resolve();
        });
    });
  }

  private async registrationRefused(status: number, reason: string): Promise<void> {
    if ((status === 401 || status === 403) && !this.renewedAfterRefusal) {
      this.renewedAfterRefusal = true;
      this.log.warn(`the SIP edge refused the registration (${status}); renewing the credentials`);
      if (await this.renew()) return;
    }
    this.setRegistration('failed', `The SIP edge refused the registration: ${status} ${reason}`);
  }

  /** Fetches fresh credentials and registers with them; false when the platform would not give any. */
  private async renew(): Promise<boolean> {
    try {
      const renewed = await this.options.renewCredentials();
      this.credentials = renewed.sip;
      if (renewed.iceServers !== undefined) this.iceServers = renewed.iceServers;
      // sip.js reads these at each digest challenge, so the next REGISTER (and INVITE) uses them
      Object.assign(this.userAgent.configuration, {
        authorizationUsername: renewed.sip.authorizationUsername,
        authorizationPassword: renewed.sip.authorizationPassword,
      });
      if (renewed.sip.wsUrl !== this.options.credentials.wsUrl) {
        this.log.warn('the renewed credentials name another SIP WebSocket URL; it is used from the next sign-in');
      }
      this.scheduleRenewal();
      if (this.userAgent.isConnected()) await this.register();
      return true;
    } catch (error) {
      this.log.warn(`could not renew the SIP credentials: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private scheduleRenewal(): void {
    if (this.renewTimer !== null) clearTimeout(this.renewTimer);
    const life = this.credentials.expiresAt - this.now();
    const before = this.options.renewBeforeMs ?? Math.min(5 * 60_000, Math.max(0, life / 10));
    // setTimeout's limit is 2^31-1 ms (~24.8 days); longer lives are re-checked when that fires
    const waitMs = Math.min(Math.max(0, life - before), 2 ** 31 - 1);
    this.renewTimer = setTimeout(() => {
      this.renewTimer = null;
      if (this.stopped) return;
      if (this.credentials.expiresAt - this.now() > before + 1000) this.scheduleRenewal();
      else void this.renew().then((ok) => (ok ? undefined : this.retryRenewalSoon()));
    }, waitMs);
    this.renewTimer.unref();
  }

  private retryRenewalSoon(): void {
    if (this.stopped) return;
    this.renewTimer = setTimeout(() => void this.renew().then((ok) => (ok ? undefined : this.retryRenewalSoon())), this.backoff.ceiling());
    this.renewTimer.unref();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer !== null) return;
    const delay = this.backoff.next();
    this.setRegistration('reconnecting', this.registration.error, this.now() + delay);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.userAgent.reconnect();
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.backoff.reset();
    this.log.info('reconnected to the SIP edge; registering and renegotiating the calls');
    await this.register();
    await this.calls.renegotiateAll();
    this.calls.markReconnecting(false);
  }

  private setRegistration(state: RegistrationState, error: string | null, retryAt: number | null = null): void {
    if (this.registration.state !== state) this.registration = { ...this.registration, state, since: this.now() };
    this.registration = { ...this.registration, error, retryAt };
    this.publish();
  }

  private publish(): void {
    if (this.stopped) return;
    try {
      this.options.onChange(this.view());
    } catch (error) {
      this.log.warn(`a softphone listener failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
