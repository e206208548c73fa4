/**
 * The softphone as a desktop-core service: it starts a Softphone when an agent with SIP credentials signs
 * in (or a stored session resumes) and stops it on sign-out; it answers the softphone operations of
 * common/softphone-api.ts; it is the main side of the media bridge (requests pushed as `mediaRequest`,
 * answers through `answerMediaRequest`). Each call action that belongs to a work item is also that item's
 * action through the outbox (hold, hang up, transfer, dial), so the item and the call tell the same story.
 */
import { z } from 'zod';
import { IceServerSchema, SipCredentialsSchema } from '../../../common/api';
import { SwitchboardError } from '../../../common/errors';
import { AudioDevicesSchema, type AudioDevices, type CallQuality, type CallView, type SoftphoneView } from '../../../common/softphone-api';
import { ApiRefusal } from '../api-result';
import type { OutboxOperation } from '../outbox/actions';
import type { CoreContext, CoreService } from '../services/context';
import type { ActiveSession } from '../services/session-service';
import { RendererMediaBridge } from './media-engine';
import { qualityNote, summarizeSamples } from './quality-note';
import { Softphone, type RenewedCredentials } from './softphone';
import type { SoftphoneLog } from './softphone-log';

/** POST /v1/agents/me/sip-credentials (platform-api.md): the same shape as login's `sip` and `iceServers`. */
const RenewedCredentialsSchema = z.object({ sip: SipCredentialsSchema, iceServers: z.array(IceServerSchema).optional() });

const DEVICES_SETTING = 'softphone.devices';
const NO_DEVICES: AudioDevices = { microphone: null, speaker: null, ringer: null };
/** item states in which an INVITE for the item is the agent's own call, answered without ringing */
const ANSWERABLE_ITEM_STATES = new Set(['accepted', 'active', 'hold', 'conference']);

/**
 * How long live calls wait for a media engine after theirs went away (a reload, or a renderer that
 * crashed or was killed — its transport reports the loss) before they are hung up: a reloaded window is
 * back within a few seconds and renegotiates them; a window that does not come back must not leave the
 * customer in silence.
 */
const MEDIA_RETURN_GRACE_MS = 10_000;

export type SoftphoneServiceOptions = { log?: SoftphoneLog; mediaTimeoutMs?: number };

export function softphoneService(context: CoreContext, options: SoftphoneServiceOptions = {}): CoreService {
  const { settings, liveItems, emit, outbox, session } = context;
  // the core's own log (a rotating file), so a dropped SIP message or a failed renewal is on record
  const log: SoftphoneLog = options.log ?? {
    info: (message) => context.log.info({ component: 'softphone' }, message),
    warn: (message) => context.log.warn({ component: 'softphone' }, message),
  };
  const bridge = new RendererMediaBridge({ push: (envelope) => emit('mediaRequest', envelope), timeoutMs: options.mediaTimeoutMs });
  let phone: Softphone | null = null;
  let owner: string | null = null;
  /** set while live calls wait for a media engine to come back */
  let engineReturnTimer: ReturnType<typeof setTimeout> | undefined;
  /** sign-in/out changes, one after the other (stopping a phone takes up to 2 s when a call will not end) */
  let changes: Promise<void> = Promise.resolve();
  /** the core is closing: its databases may already be gone, so nothing more is read or published */
  let closing = false;

  function devices(): AudioDevices {
    const parsed = AudioDevicesSchema.safeParse(settings.values()[DEVICES_SETTING]);
    return parsed.success ? parsed.data : NO_DEVICES;
  }

  function view(): SoftphoneView {
    if (phone !== null) return phone.view();
    return {
      registration: { state: 'unconfigured', since: context.now(), retryAt: null, error: null, uri: null },
      mediaEngineAttached: bridge.isAttached(),
      iceServers: [],
      devices: devices(),
      calls: [],
    };
  }

  const publish = (): void => {
    if (!closing) emit('callsChanged', view());
  };

  function require(): Softphone {
    if (phone === null) throw new SwitchboardError('OFFLINE', 'The softphone is not available: this platform gave no SIP credentials, or you are signed out.');
    return phone;
  }

  async function renew(active: ActiveSession): Promise<RenewedCredentials> {
    const renewed = await active.client.request('POST', '/v1/agents/me/sip-credentials', RenewedCredentialsSchema, { body: {} });
    // a restarted core registers with the newest credentials, not the login's expired ones
    await session.replaceCredentials(active, renewed.sip, renewed.iceServers);
    return renewed;
  }

  // From the loop's mirror of the agent's live items: an INVITE never waits on the database thread.
  function isAcceptedWorkitem(workitemId: string): boolean {
    const item = liveItems.get(workitemId);
    return item !== null && item.agentUsername === owner && ANSWERABLE_ITEM_STATES.has(item.state);
  }

  /** A work item's call ended: its quality goes on the item's activity as a note (through the outbox). */
  function keepQualityWithItem(call: CallView, samples: readonly CallQuality[]): void {
    if (samples.length === 0) return;
    const summary = summarizeSamples(samples);
    // "Save diagnostics" collects these lines as the last calls' quality (main/core/diagnostics)
    context.log.info({ component: 'softphone', callQuality: { callId: call.id, workitemId: call.workitemId, ...summary } }, 'call quality');
    if (call.workitemId === null) return;
    outbox.submit('addNote', { workitemId: call.workitemId, text: qualityNote(summary) }).then(
      (result) => {
        if (!result.ok) log.warn(`the quality of ${call.id} was not kept with ${call.workitemId}: ${result.error.message}`);
      },
      (error: unknown) => log.warn(`the quality of ${call.id} was not kept: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  async function stopPhone(): Promise<void> {
    const stopping = phone;
    phone = null;
    owner = null;
    if (stopping !== null) await stopping.stop();
    publish();
  }

  function startPhone(active: ActiveSession): void {
    const sip = active.stored.sip;
    if (sip === undefined || phone !== null) return;
    owner = active.stored.username;
    const next = new Softphone({
      credentials: sip,
      iceServers: active.stored.iceServers ?? [],
      engine: bridge,
      renewCredentials: () => renew(active),
      isAcceptedWorkitem,
      onChange: (changed) => emit('callsChanged', changed),
      onCallEnded: keepQualityWithItem,
      devices: devices(),
      log,
      now: context.now,
    });
    phone = next;
    next.start().catch((error: unknown) => log.warn(`the softphone did not start: ${error instanceof Error ? error.message : String(error)}`));
  }

  session.onChange((active) => {
    changes = changes
      .then(() => stopPhone())
      .then(() => {
        if (active !== null && !closing) startPhone(active);
      })
      .catch((error: unknown) => log.warn(`the softphone did not follow the sign-in change: ${error instanceof Error ? error.message : String(error)}`));
  });
  bridge.onAttach((engineId) => {
    clearTimeout(engineReturnTimer);
    if (phone === null) return publish();
    const live = phone.calls.liveCalls().length;
    if (live > 0) log.info(`media engine ${engineId} attached: ${live} live call(s) renegotiated onto it`);
    phone.mediaEngineAttached().catch((error: unknown) => log.warn(`renegotiating after a media engine attached failed: ${error instanceof Error ? error.message : String(error)}`));
  });

  /** A call hung up from here (the agent, or a media engine that did not come back), and its work item with it. */
  async function hangUp(callId: string, reason?: string): Promise<CallView> {
    const call = callOf(callId);
    const ended = await require().calls.hangup(callId, reason);
    if (call.workitemId !== null && call.state !== 'ringing') {
      await itemAction('hangup', { workitemId: call.workitemId }).catch((error: unknown) => log.warn(`hang-up of ${call.workitemId} not recorded: ${error instanceof Error ? error.message : String(error)}`));
    }
    return ended;
  }

  /** The media engine went away with calls up: they wait MEDIA_RETURN_GRACE_MS for another, then end. */
  function awaitEngineReturn(): void {
    clearTimeout(engineReturnTimer);
    if (phone === null || phone.calls.liveCalls().length === 0) return;
    const graceMs = context.options.mediaReturnGraceMs ?? MEDIA_RETURN_GRACE_MS;
    log.warn(`the media engine went away with ${phone.calls.liveCalls().length} call(s) up; they end unless a window returns within ${graceMs} ms`);
    engineReturnTimer = setTimeout(() => {
      if (bridge.isAttached() || phone === null) return;
      for (const call of phone.calls.liveCalls()) {
        hangUp(call.id, 'The window with the call’s audio closed or crashed and did not come back').catch((error: unknown) =>
          log.warn(`hanging up ${call.id} after its media engine was lost failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    }, graceMs);
    engineReturnTimer.unref();
  }

  /** The work-item side of a call action; a refusal is the agent's to see (nothing happened to the call yet). */
  async function itemAction(operation: OutboxOperation, request: Record<string, unknown>): Promise<void> {
    const result = await outbox.submit(operation, request);
    if (!result.ok) throw new ApiRefusal(result.error);
  }

  function callOf(callId: string): CallView {
    const call = require().calls.views().find((c) => c.id === callId);
    if (call === undefined) throw new SwitchboardError('NOT_FOUND', `There is no call "${callId}".`);
    return call;
  }

  return {
    name: 'softphone',
    start: () => {
      const active = session.current;
      if (active !== null && phone === null) startPhone(active);
    },
    stop: async () => {
      clearTimeout(engineReturnTimer);
      await changes;
      await stopPhone();
      closing = true;
      bridge.close();
    },
    handlers: {
      getSoftphone: () => view(),
      answerCall: (request) => require().calls.answer(request.callId),
      declineCall: (request) => require().calls.decline(request.callId),
      hangupCall: (request) => hangUp(request.callId),
      async holdCall(request) {
        const call = callOf(request.callId);
        const held = await require().calls.hold(request.callId, request.hold);
        if (call.workitemId !== null) await itemAction('hold', { workitemId: call.workitemId, hold: request.hold });
        return held;
      },
      muteCall: (request) => require().calls.mute(request.callId, request.muted),
      sendDtmf: (request) => require().calls.sendDtmf(request.callId, request.tones),
      async transferCall(request) {
        const call = callOf(request.callId);
        const target = request.target;
        if ('queueId' in target || 'agentUsername' in target) {
          // Neither a queue nor an agent has a SIP address a customer could be REFERred to (the edge takes
          // calls to queue numbers only): the platform moves the item, and the edge REFERs the customer to
          // the number of the raised item's queue, where the new INVITE joins that item (docs/telephony.md).
          if (call.workitemId === null) throw new SwitchboardError('VALIDATION_FAILED', `Only a work item's call can be transferred to ${'queueId' in target ? 'a queue' : 'an agent'}.`);
          await itemAction('transfer', { workitemId: call.workitemId, target });
          return require().calls.markTransferred(request.callId);
        }
        return require().calls.transfer(request.callId, target, request.replacesCallId);
      },
      conferenceCalls: (request) => require().calls.conference(request.callId, request.withCallId),
      async placeCall(request) {
        const softphone = require();
        if (request.workitemId !== undefined) await itemAction('dial', { workitemId: request.workitemId });
        return softphone.place(request.number, request.workitemId ?? null);
      },
      async setAudioDevices(request) {
        const next = { ...devices(), ...request };
        await settings.set(DEVICES_SETTING, next);
        phone?.setDevices(next);
        if (phone === null) publish();
        return next;
      },
      attachMediaEngine(request) {
        bridge.attach(request.engineId);
        publish();
        return view();
      },
      detachMediaEngine(request) {
        const wasAttached = bridge.attachedEngine === request.engineId;
        bridge.detach(request.engineId);
        if (wasAttached) awaitEngineReturn();
        publish();
        return { done: true as const };
      },
      answerMediaRequest(request) {
        bridge.answer(request.requestId, request.result);
        return { done: true as const };
      },
      reportCallQuality(request) {
        require().reportQuality(request.callId, request.quality);
        return { done: true as const };
      },
    },
  };
}
