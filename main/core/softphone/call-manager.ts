/**
 * The calls of one registered softphone: several at once, one active and the others held.
 *
 * - Inbound: an INVITE whose X-Workitem-Id names an item this agent accepted is answered at once (the
 *   toast already rang and the agent said yes); any other rings as a direct call. With no media engine
 *   attached the INVITE is refused with 480 at once instead of ringing into a window that is not there.
 * - Answering, resuming or dialling puts the active call on hold first.
 * - Hold / resume are re-INVITEs sent only after the ACK of our 200 (sip.js calls a session established
 *   when it sends the 200; a re-INVITE before the ACK is refused); a 491 is retried after RFC 3261
 *   §14.1's random wait (2.1–4 s when we own the Call-ID, else 0–2 s).
 * - After the transport or the media engine came back, `renegotiateAll` sends each call an ICE-restart
 *   re-INVITE so media resumes on the new path.
 */
import { randomUUID } from 'node:crypto';
import {
  Invitation,
  Inviter,
  RequestPendingError,
  SessionState,
  UserAgent,
  type Session,
} from 'sip.js';
import { isLiveCall } from '../../../common/call-state';
import { SwitchboardError } from '../../../common/errors';
import type { CallQuality, CallView } from '../../../common/softphone-api';
import { Call, outcomeOfStatus } from './call';
import type { ForwardingOptions } from './forwarding-sdh';
import type { MediaEngine } from './media-engine';
import { excerpt, type SoftphoneLog } from './softphone-log';

export type CallManagerOptions = {
  userAgent: () => UserAgent;
  /** the SIP domain numbers are dialled in (the host of the agent's address of record) */
  domain: string;
  engine: MediaEngine;
  log: SoftphoneLog;
  now: () => number;
  /** true when this agent accepted the work item (the desktop's cache knows) */
  isAcceptedWorkitem: (workitemId: string) => boolean;
  onChange: () => void;
  /** for RFC 3261's 491 wait; tests pass a fixed value */
  random?: () => number;
  /** ended calls kept in the view, for their outcome */
  keepEnded?: number;
  /** a call ended, with every quality figure reported during it */
  onEnded?: (call: CallView, qualitySamples: readonly CallQuality[]) => void;
};

/** an hour of samples at one every five seconds */
const MAX_QUALITY_SAMPLES = 720;
const WORKITEM_ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const DIALLABLE = /^\+?[0-9*#]{1,32}$|^[A-Za-z0-9._-]{1,64}$/;

export class CallManager {
  private readonly calls = new Map<string, Call>();
  private readonly callOfSession = new WeakMap<Session, Call>();
  private readonly random: () => number;

  constructor(private readonly options: CallManagerOptions) {
    this.random = options.random ?? Math.random;
  }

  /** The call id sip.js's SDH factory forwards under (set before sip.js creates the handler). */
  callIdOf(session: Session): string {
    return this.callOfSession.get(session)?.id ?? session.id;
  }

  views(): CallView[] {
    const all = [...this.calls.values()];
    const live = all.filter((call) => isLiveCall(call.state) || call.state === 'ending');
    const ended = all.filter((call) => call.state === 'ended').sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
    return [...live, ...ended].map((call) => call.view());
  }

  liveCalls(): Call[] {
    return [...this.calls.values()].filter((call) => isLiveCall(call.state));
  }

  // ---- inbound -------------------------------------------------------------------------------------

  onInvite(invitation: Invitation): void {
    const contentType = invitation.request.getHeader('Content-Type');
    if (invitation.request.body.length > 0 && contentType !== undefined && !/^application\/sdp\s*(;|$)/i.test(contentType.trim())) {
      // sip.js would ring it and fail only on answer; a call this softphone can never take is refused now
      this.options.log.warn(`refused an INVITE with a ${excerpt(contentType, 40)} body (415)`);
      invitation.reject({ statusCode: 415 }).catch(() => undefined);
      return;
    }
    const header = invitation.request.getHeader('X-Workitem-Id')?.trim();
    const workitemId = header !== undefined && WORKITEM_ID.test(header) ? header : null;
    if (header !== undefined && workitemId === null) this.options.log.warn(`ignored a malformed X-Workitem-Id "${excerpt(header)}"`);
    const identity = invitation.remoteIdentity;
    const autoAnswer = workitemId !== null && this.options.isAcceptedWorkitem(workitemId);
    const call = this.track(new Call(`call_${randomUUID()}`, invitation, 'inbound', workitemId, identity.uri.user ?? identity.uri.host, identity.displayName || null, autoAnswer, this.options.now()));
    invitation.delegate = {
      onAck: () => call.ackReceived(),
      // (no onBye: sip.js answers a BYE itself only when no delegate takes it over)
      // a REFER from the far end (they transfer us) is not something an agent's leg takes
      onRefer: (referral) => void referral.reject().catch(() => undefined),
      onInfo: (info) => void info.accept().catch(() => undefined),
    };
    if (!this.options.engine.isAttached()) {
      this.options.log.warn('refused an incoming call: no media engine is attached (no window open)');
      call.endReason = 'No window was open to take the call';
      this.finish(call, 'failed');
      invitation.reject({ statusCode: 480, reasonPhrase: 'No Media Engine' }).catch(() => undefined);
      return;
    }
    if (autoAnswer) {
      // answer() publishes the call once its 200 OK is sent: the 200 OK is on the agent's clock
      this.answer(call.id).catch((error: unknown) => this.options.log.warn(`auto-answer of ${workitemId} failed: ${messageOf(error)}`));
    } else {
      this.options.onChange();
    }
  }

  async answer(callId: string): Promise<CallView> {
    const call = this.get(callId);
    const invitation = call.invitation;
    if (invitation === null) throw new SwitchboardError('ILLEGAL_TRANSITION', 'Only an incoming call can be answered.');
    call.apply('answer');
    await this.holdOthers(call);
    try {
      // An accepted item's call reaches the screen once its 200 OK is sent: published earlier, the renderer
      // would render it while its media engine makes the answer on the same thread, on the agent's clock
      // (the toast's Accept already told the agent). A direct call's Answer is shown at once.
      const accepting = invitation.accept({ sessionDescriptionHandlerOptions: {} });
      if (!call.autoAnswer) this.options.onChange();
      await accepting;
    } catch (error) {
      call.endReason = `Could not answer: ${messageOf(error)}`;
      this.finish(call, 'failed');
      throw new SwitchboardError('INTERNAL', call.endReason);
    }
    call.answeredAt = this.options.now();
    this.options.onChange();
    void call.acked.then(() => {
      if (call.applyIfLegal('ack')) this.options.onChange();
    });
    return call.view();
  }

  async decline(callId: string): Promise<CallView> {
    const call = this.get(callId);
    const invitation = call.invitation;
    if (invitation === null || call.state !== 'ringing') throw new SwitchboardError('ILLEGAL_TRANSITION', 'Only a ringing incoming call can be declined.');
    call.apply('hangup');
    call.outcome = 'declined';
    await invitation.reject({ statusCode: 486 });
    return call.view();
  }

  // ---- outbound ------------------------------------------------------------------------------------

  async place(number: string, workitemId: string | null): Promise<CallView> {
    const user = number.trim();
    if (!DIALLABLE.test(user)) throw new SwitchboardError('VALIDATION_FAILED', `"${excerpt(user, 40)}" is not a number that can be dialled.`, [{ path: 'number', message: 'digits, optionally with a leading +' }]);
    const target = UserAgent.makeURI(`sip:${user}@${this.options.domain}`);
    if (target === undefined) throw new SwitchboardError('VALIDATION_FAILED', `Cannot make a SIP address of "${user}".`);
    const extraHeaders = workitemId !== null ? [`X-Workitem-Id: ${workitemId}`] : [];
    const inviter = new Inviter(this.options.userAgent(), target, { extraHeaders });
    const call = this.track(new Call(`call_${randomUUID()}`, inviter, 'outbound', workitemId, user, null, false, this.options.now()));
    call.ackReceived(); // we send the ACK ourselves
    inviter.delegate = { onInfo: (info) => void info.accept().catch(() => undefined) };
    await this.holdOthers(call);
    this.options.onChange();
    await inviter.invite({
      requestDelegate: {
        onProgress: () => {
          if (call.applyIfLegal('progress')) this.options.onChange();
        },
        onAccept: () => {
          call.answeredAt = this.options.now();
          if (call.applyIfLegal('answered')) this.options.onChange();
        },
        onReject: (response) => {
          call.finalStatus = response.message.statusCode ?? null;
          call.endReason = `${response.message.statusCode} ${response.message.reasonPhrase}`;
        },
      },
    }).catch((error: unknown) => {
      call.endReason = `Could not place the call: ${messageOf(error)}`;
      this.finish(call, 'failed');
      throw new SwitchboardError('INTERNAL', call.endReason);
    });
    return call.view();
  }

  // ---- during the call -----------------------------------------------------------------------------

  /** `reason`: why the call ended when the agent did not end it (shown with the ended call). */
  async hangup(callId: string, reason?: string): Promise<CallView> {
    const call = this.get(callId);
    if (reason !== undefined) call.endReason = reason;
    if (call.state === 'ringing') return this.decline(callId);
    call.apply('hangup');
    this.options.onChange();
    const session = call.session;
    if (session instanceof Inviter && session.state === SessionState.Establishing) {
      call.outcome = 'cancelled';
      await session.cancel();
    } else if (session.state === SessionState.Established) {
      await session.bye();
    } else if (session.state === SessionState.Terminated) {
      this.finish(call, call.outcome ?? 'answered');
    }
    return call.view();
  }

  async hold(callId: string, hold: boolean): Promise<CallView> {
    const call = this.get(callId);
    if (!hold) await this.holdOthers(call);
    await call.settled();
    call.apply(hold ? 'hold' : 'resume');
    this.options.onChange();
    const status = await this.reinvite(call, { hold });
    call.applyIfLegal(status === 200 ? (hold ? 'hold_ok' : 'resume_ok') : hold ? 'hold_failed' : 'resume_failed');
    this.options.onChange();
    if (status !== 200) throw new SwitchboardError('INTERNAL', `The far end refused to ${hold ? 'hold' : 'resume'} the call (${status}).`);
    return call.view();
  }

  async mute(callId: string, muted: boolean): Promise<CallView> {
    const call = this.get(callId);
    if (!isLiveCall(call.state)) throw new SwitchboardError('ILLEGAL_TRANSITION', 'The call has ended.');
    await this.options.engine.request({ kind: 'mute', callId, muted });
    call.muted = muted;
    this.options.onChange();
    return call.view();
  }

  /** RFC 4733 through the media engine; SIP INFO (application/dtmf-relay) when it cannot. */
  async sendDtmf(callId: string, tones: string): Promise<CallView> {
    const call = this.get(callId);
    if (call.state !== 'active') throw new SwitchboardError('ILLEGAL_TRANSITION', 'Keypad tones go to an active call only.');
    const durationMs = 100;
    const { sent } = await this.options.engine.request({ kind: 'sendDtmf', callId, tones, durationMs, interToneGapMs: 70 });
    if (!sent) {
      // one INFO per tone, each after the previous one's answer, so the far end hears them in order
      for (const tone of tones.replace(/,/g, '')) {
        const status = await new Promise<number>((resolve) => {
          call.session
            .info({
              requestDelegate: { onAccept: () => resolve(200), onReject: (response) => resolve(response.message.statusCode ?? 500) },
              requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=${durationMs}` } },
            })
            .catch(() => resolve(0));
        });
        if (status !== 200) throw new SwitchboardError('INTERNAL', `The far end did not take the keypad tone "${tone}" (${status}).`);
      }
    }
    return call.view();
  }

  /**
   * Blind (REFER to a number) or attended (REFER with Replaces to the consultation call). Queues and agents
   * are no SIP addresses: the platform transfers to them (softphone-service).
   */
  async transfer(callId: string, target: { number: string }, replacesCallId?: string): Promise<CallView> {
    const call = this.get(callId);
    if (call.state === 'active') await this.hold(callId, true);
    const user = target.number;
    const referTo: Session | ReturnType<typeof UserAgent.makeURI> = replacesCallId !== undefined
      ? this.get(replacesCallId).session
      : UserAgent.makeURI(`sip:${user}@${this.options.domain}`);
    if (referTo === undefined || !DIALLABLE.test(user)) throw new SwitchboardError('VALIDATION_FAILED', `"${excerpt(user, 40)}" is not a transfer target.`);
    call.apply('transfer');
    this.options.onChange();
    const accepted = await new Promise<boolean>((resolve) => {
      call.session.refer(referTo, {
        requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) },
      }).catch(() => resolve(false));
    });
    if (!accepted) {
      call.applyIfLegal('transfer_failed');
      this.options.onChange();
      throw new SwitchboardError('INTERNAL', 'The far end refused the transfer; the call is still on hold.');
    }
    call.apply('transfer_ok');
    call.outcome = 'transferred';
    this.options.onChange();
    await call.session.bye().catch(() => undefined);
    return call.view();
  }

  /**
   * The platform moves this call (a transfer to a queue or an agent: the edge REFERs the customer and ends
   * our leg), so when that leg ends it was transferred, not merely answered.
   */
  markTransferred(callId: string): CallView {
    const call = this.get(callId);
    call.outcome = 'transferred';
    this.options.onChange();
    return call.view();
  }

  /** A local conference: the media engine mixes the two calls; both leave hold. */
  async conference(callId: string, withCallId: string): Promise<CallView> {
    const call = this.get(callId);
    const other = this.get(withCallId);
    for (const leg of [call, other]) {
      if (leg.state === 'held') {
        leg.apply('resume');
        const status = await this.reinvite(leg, { hold: false });
        leg.applyIfLegal(status === 200 ? 'resume_ok' : 'resume_failed');
      }
      if (leg.state !== 'active') throw new SwitchboardError('ILLEGAL_TRANSITION', 'Both calls must be connected to join them.');
    }
    await this.options.engine.request({ kind: 'conference', callIds: [call.id, other.id] });
    call.conferencedWith = [other.id];
    other.conferencedWith = [call.id];
    this.options.onChange();
    return call.view();
  }

  reportQuality(callId: string, quality: CallQuality): void {
    const call = this.get(callId);
    call.quality = quality;
    if (call.qualitySamples.length < MAX_QUALITY_SAMPLES) call.qualitySamples.push(quality);
    this.options.onChange();
  }

  // ---- transport and engine recovery ---------------------------------------------------------------

  markReconnecting(reconnecting: boolean): void {
    for (const call of this.liveCalls()) call.reconnecting = reconnecting;
    this.options.onChange();
  }

  /** An ICE-restart re-INVITE for every connected call (new transport path, or a new media engine). */
  async renegotiateAll(): Promise<void> {
    const connected = this.liveCalls().filter((call) => call.state === 'active' || call.state === 'held');
    await Promise.all(connected.map(async (call) => {
      call.reconnecting = true;
      this.options.onChange();
      const status = await this.reinvite(call, { hold: call.state === 'held', iceRestart: true });
      call.reconnecting = false;
      if (status !== 200) this.options.log.warn(`renegotiating ${call.id} failed (${status})`);
      this.options.onChange();
    }));
  }

  /** Ends every call (sign-out, softphone stopped). */
  async endAll(waitMs = 2_000): Promise<void> {
    // a BYE on a call whose ACK never came waits for it (up to 32 s in sip.js): do not hold a sign-out up
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(this.liveCalls().map((call) => this.hangup(call.id).catch(() => undefined))),
      new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timer);
  }

  // ---- internals -----------------------------------------------------------------------------------

  private track(call: Call): Call {
    this.calls.set(call.id, call);
    this.callOfSession.set(call.session, call);
    call.session.stateChange.addListener((state) => {
      if (state === SessionState.Terminated) this.onTerminated(call);
    });
    this.pruneEnded();
    return call;
  }

  private onTerminated(call: Call): void {
    // sip.js reports Terminated before it hands the final response to onReject: read it a tick later
    queueMicrotask(() => this.settleTerminated(call));
  }

  private settleTerminated(call: Call): void {
    if (call.state === 'ended') return;
    let outcome = call.outcome;
    if (outcome === null) {
      if (call.answeredAt !== null) outcome = 'answered';
      else if (call.finalStatus !== null) outcome = outcomeOfStatus(call.finalStatus);
      else outcome = call.direction === 'inbound' ? 'cancelled' : 'failed';
    }
    this.finish(call, outcome);
  }

  private finish(call: Call, outcome: NonNullable<Call['outcome']>): void {
    if (call.state === 'ended') return;
    call.applyIfLegal(call.state === 'ending' ? 'ended' : 'remote_end');
    call.outcome = outcome;
    call.endedAt = this.options.now();
    call.reconnecting = false;
    call.markOver();
    for (const other of this.calls.values()) other.conferencedWith = other.conferencedWith.filter((id) => id !== call.id);
    if (this.options.engine.isAttached() && call.conferencedWith.length > 0) {
      this.options.engine.request({ kind: 'conference', callIds: [] }).catch(() => undefined);
    }
    this.options.onChange();
    try {
      this.options.onEnded?.(call.view(), call.qualitySamples);
    } catch (error) {
      this.options.log.warn(`after the end of ${call.id}: ${messageOf(error)}`);
    }
  }

  private pruneEnded(): void {
    const keep = this.options.keepEnded ?? 10;
    const ended = [...this.calls.values()].filter((call) => call.state === 'ended').sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
    for (const call of ended.slice(keep)) this.calls.delete(call.id);
  }

  private get(callId: string): Call {
    const call = this.calls.get(callId);
    if (call === undefined) throw new SwitchboardError('NOT_FOUND', `There is no call "${callId}".`);
    return call;
  }

  /** One active call at a time: the others go on hold before this one connects. */
  private async holdOthers(except: Call): Promise<void> {
    for (const other of this.liveCalls()) {
      if (other === except || other.state !== 'active' || other.conferencedWith.includes(except.id)) continue;
      await this.hold(other.id, true);
    }
  }

  /**
   * A re-INVITE, resolved with the final status (200, or the failure's code; 0 when it could not be
   * sent). 491 Request Pending and a local re-INVITE still in flight are retried after RFC 3261's wait.
   */
  private async reinvite(call: Call, sdh: ForwardingOptions, attempt = 0): Promise<number> {
    const status = await new Promise<number>((resolve) => {
      call.session
        .invite({
          sessionDescriptionHandlerOptions: sdh,
          requestDelegate: {
            onAccept: () => resolve(200),
            onReject: (response) => resolve(response.message.statusCode ?? 500),
          },
        })
        .catch((error: unknown) => resolve(error instanceof RequestPendingError ? 491 : 0));
    });
    if (status === 491 && attempt < 5 && isLiveCall(call.state)) {
      const ownCallId = call.direction === 'outbound';
      const waitMs = ownCallId ? 2100 + this.random() * 1900 : this.random() * 2000;
      this.options.log.info(`re-INVITE of ${call.id} met 491; retrying in ${Math.round(waitMs)} ms`);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      return this.reinvite(call, sdh, attempt + 1);
    }
    if (status === 0) this.options.log.warn(`the re-INVITE of ${call.id} could not be sent`);
    return status;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
