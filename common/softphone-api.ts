/**
 * The softphone's half of the desktop API (merged into common/desktop-api.ts's lists): what the renderer
 * sees of calls, what it may ask of them, and the media bridge.
 *
 * Signalling (sip.js) lives in main; media (RTCPeerConnection, microphone, speaker) lives in the renderer.
 * sip.js objects never cross: the renderer sees `CallView`s (state from common/call-state.ts) pushed in
 * `callsChanged`, and drives calls with the `…Call` operations. The other way, main's
 * SessionDescriptionHandler needs the renderer's media engine to make and take SDP: it pushes a
 * `mediaRequest` event `{engineId, requestId, request}` and the engine replies with the
 * `answerMediaRequest` operation `{requestId, result}`. Both directions are validated with the schemas
 * below: main checks each answer against the schema of the request it pairs with (MEDIA_ANSWER_SCHEMAS).
 *
 * The media engine announces itself with `attachMediaEngine` (one at a time: a newer one replaces the
 * older, whose requests then fail); a request while none is attached fails at once, so an inbound call is
 * declined (480) instead of ringing into a void. When an engine attaches while calls are up (a reload),
 * main renegotiates each call with an ICE-restart re-INVITE (docs/softphone.md says why).
 */
import { z } from 'zod';
import { IceServerSchema } from './api';
import { CALL_STATES } from './call-state';

export const CallIdSchema = z.string().min(1).max(100);
const CallRef = z.strictObject({ callId: CallIdSchema });
const Ok = z.object({ done: z.literal(true) });

/** An SDP body; far larger than any real one, small enough that a hostile one cannot hurt. */
const SdpSchema = z.string().min(1).max(64 * 1024);
/** A device is remembered by its label (ids change across reboots and browsers); null = the default. */
const DeviceLabelSchema = z.string().max(256).nullable();
/** RFC 4733 tones; `,` is a two-second pause, as in RTCDTMFSender. */
export const DtmfTonesSchema = z.string().regex(/^[0-9A-Da-d#*,]{1,40}$/, 'use digits, * # A-D and , (pause)');

export const CallDirectionSchema = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof CallDirectionSchema>;

/** How a call ended: the outbound section shows answered / busy / no_answer / failed for an attempt. */
export const CallOutcomeSchema = z.enum(['answered', 'busy', 'no_answer', 'declined', 'cancelled', 'transferred', 'failed']);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

/** The figures the media engine measures with getStats (the E-model MOS is computed in the renderer). */
export const CallQualitySchema = z.object({
  rttMs: z.number().min(0).nullable(),
  jitterMs: z.number().min(0).nullable(),
  lossPercent: z.number().min(0).max(100).nullable(),
  mos: z.number().min(1).max(5).nullable(),
  at: z.number(),
});
export type CallQuality = z.infer<typeof CallQualitySchema>;

export const CallViewSchema = z.object({
  /** the desktop's id for the call (not the SIP Call-ID) */
  id: CallIdSchema,
  /** the work item the call belongs to (X-Workitem-Id), or null for a direct call */
  workitemId: z.string().nullable(),
  direction: CallDirectionSchema,
  /** the other party's number (E.164 when it is one) or SIP user */
  remoteNumber: z.string(),
  remoteName: z.string().nullable(),
  state: z.enum(CALL_STATES),
  /** on hold for the customer (held, resuming, transferring) */
  held: z.boolean(),
  muted: z.boolean(),
  /** the SIP transport or the media engine is being re-established; the call is kept */
  reconnecting: z.boolean(),
  /** answered by the desktop itself because its work item was accepted */
  autoAnswer: z.boolean(),
  /** the calls mixed with this one in a local conference */
  conferencedWith: z.array(CallIdSchema),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  outcome: CallOutcomeSchema.nullable(),
  /** the SIP status or the reason behind a failure, for a person to read */
  endReason: z.string().nullable(),
  quality: CallQualitySchema.nullable(),
});
export type CallView = z.infer<typeof CallViewSchema>;

export const RegistrationStateSchema = z.enum([
  /** no SIP credentials (the platform has no edge, or signed out) */
  'unconfigured',
  'registering',
  'registered',
  /** the SIP WebSocket dropped; reconnecting with backoff (calls are kept) */
  'reconnecting',
  /** the edge refused the registration (credentials) and renewing them did not help */
  'failed',
]);
export type RegistrationState = z.infer<typeof RegistrationStateSchema>;

export const AudioDevicesSchema = z.object({
  microphone: DeviceLabelSchema,
  speaker: DeviceLabelSchema,
  /** rings on this device as well as on the speaker */
  ringer: DeviceLabelSchema,
});
export type AudioDevices = z.infer<typeof AudioDevicesSchema>;

export const SoftphoneViewSchema = z.object({
  registration: z.object({
    state: RegistrationStateSchema,
    since: z.number(),
    /** next reconnect attempt, while reconnecting */
    retryAt: z.number().nullable(),
    error: z.string().nullable(),
    /** this agent's address of record */
    uri: z.string().nullable(),
  }),
  mediaEngineAttached: z.boolean(),
  /** for the media engine's RTCPeerConnections (from login; never a public default) */
  iceServers: z.array(IceServerSchema),
  devices: AudioDevicesSchema,
  /** live calls first, then the ended ones still shown (most recent first) */
  calls: z.array(CallViewSchema),
});
export type SoftphoneView = z.infer<typeof SoftphoneViewSchema>;

// ---- the media bridge: main → renderer requests, renderer → main answers ---------------------------

const MediaCallRef = { callId: CallIdSchema };

/** The SessionDescriptionHandler calls sip.js makes, plus the media-only ones (mute, conference). */
export const MediaRequestSchema = z.discriminatedUnion('kind', [
  /** make an offer (no remote offer pending) or an answer (one is): sip.js's getDescription */
  z.strictObject({ kind: z.literal('getDescription'), ...MediaCallRef, hold: z.boolean(), iceRestart: z.boolean() }),
  /**
   * apply the far end's offer or answer: sip.js's setDescription. With `answerOffer`, an offer is answered
   * in the same request (sip.js asks for that answer next, so it costs no second round trip to the engine)
   */
  z.strictObject({ kind: z.literal('setDescription'), ...MediaCallRef, sdp: SdpSchema, hold: z.boolean(), answerOffer: z.boolean().optional() }),
  /** can the engine take a body of this content type: sip.js's hasDescription */
  z.strictObject({ kind: z.literal('hasDescription'), ...MediaCallRef, contentType: z.string().max(200) }),
  /** RFC 4733 through RTCDTMFSender; `sent: false` makes main fall back to SIP INFO */
  z.strictObject({ kind: z.literal('sendDtmf'), ...MediaCallRef, tones: DtmfTonesSchema, durationMs: z.number().int().min(40).max(6000), interToneGapMs: z.number().int().min(30).max(6000) }),
  /** undo a local offer that was refused (e.g. a 491 on a re-INVITE): sip.js's rollbackDescription */
  z.strictObject({ kind: z.literal('rollback'), ...MediaCallRef }),
  /** the call is over: stop its tracks and close its peer connection */
  z.strictObject({ kind: z.literal('close'), ...MediaCallRef }),
  /** mute or unmute the microphone track of this call (no re-INVITE) */
  z.strictObject({ kind: z.literal('mute'), ...MediaCallRef, muted: z.boolean() }),
  /** mix these calls locally (each hears the agent and the others); an empty list ends the mix */
  z.strictObject({ kind: z.literal('conference'), callIds: z.array(CallIdSchema).max(8) }),
]);
export type MediaRequest = z.infer<typeof MediaRequestSchema>;
export type MediaRequestKind = MediaRequest['kind'];

const DescriptionAnswer = z.object({ sdp: SdpSchema, type: z.enum(['offer', 'answer']) });
const Done = z.object({});

/** What each kind of request answers with. */
export const MEDIA_ANSWER_SCHEMAS = {
  getDescription: DescriptionAnswer,
  /** `answer`: the local answer already applied, when the request asked for it and the SDP was an offer */
  setDescription: z.object({ answer: z.object({ sdp: SdpSchema }).optional() }),
  hasDescription: z.object({ has: z.boolean() }),
  sendDtmf: z.object({ sent: z.boolean() }),
  rollback: Done,
  close: Done,
  mute: Done,
  conference: Done,
} as const satisfies Record<MediaRequestKind, z.ZodType>;
export type MediaAnswer<K extends MediaRequestKind> = z.infer<(typeof MEDIA_ANSWER_SCHEMAS)[K]>;

export const MediaRequestEnvelopeSchema = z.object({
  /** the engine the request is for; any other engine (an older window) ignores it */
  engineId: z.string(),
  requestId: z.string(),
  request: MediaRequestSchema,
});
export type MediaRequestEnvelope = z.infer<typeof MediaRequestEnvelopeSchema>;

export const MediaResultSchema = z.union([
  z.object({ ok: z.literal(true), answer: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string().max(100), message: z.string().max(2000) }) }),
]);
export type MediaResult = z.infer<typeof MediaResultSchema>;

/**
 * What an operation did to the media engines attached, read from its request and answer: the transports
 * (main/ipc/media-engine-owners.ts, browser mode's websocket-switchboard.ts) and the renderer's
 * media-first API follow which engines a connection or page has attached. `null`: nothing.
 */
export function engineAttachmentChange(operation: unknown, request: unknown, result: { ok: boolean }): { engineId: string; attached: boolean } | null {
  if (!result.ok || (operation !== 'attachMediaEngine' && operation !== 'detachMediaEngine')) return null;
  const engineId = (request as { engineId?: unknown } | null)?.engineId;
  return typeof engineId === 'string' ? { engineId, attached: operation === 'attachMediaEngine' } : null;
}

const TransferTargetSchema = z.union([
  z.strictObject({ number: z.string().min(1).max(64) }),
  z.strictObject({ queueId: z.string().min(1).max(100) }),
  z.strictObject({ agentUsername: z.string().min(1).max(128) }),
]);

/** Operations the renderer calls (merged into DESKTOP_OPERATIONS). */
export const SOFTPHONE_OPERATIONS = {
  /** registration, calls, devices and ICE servers, as pushed in callsChanged */
  getSoftphone: { request: z.strictObject({}), response: SoftphoneViewSchema },
  answerCall: { request: CallRef, response: CallViewSchema },
  /** a ringing call is refused (486 Busy Here for a direct call; the work item is declined too) */
  declineCall: { request: CallRef, response: CallViewSchema },
  hangupCall: { request: CallRef, response: CallViewSchema },
  /** hold or resume; waits for the ACK of the answer first, retries after a 491 */
  holdCall: { request: CallRef.extend({ hold: z.boolean() }), response: CallViewSchema },
  muteCall: { request: CallRef.extend({ muted: z.boolean() }), response: CallViewSchema },
  sendDtmf: { request: CallRef.extend({ tones: DtmfTonesSchema }), response: CallViewSchema },
  /** blind transfer (REFER), or attended when `replacesCallId` names the consultation call (Replaces) */
  transferCall: { request: CallRef.extend({ target: TransferTargetSchema, replacesCallId: CallIdSchema.optional() }), response: CallViewSchema },
  /** mix this call with another one locally in the media engine */
  conferenceCalls: { request: CallRef.extend({ withCallId: CallIdSchema }), response: CallViewSchema },
  /**
   * a call to a number; with `workitemId` (a callback or progressive entry) the item's `dial` action goes
   * through the outbox first and the INVITE carries X-Workitem-Id
   */
  placeCall: { request: z.strictObject({ number: z.string().min(1).max(64), workitemId: z.string().min(1).max(100).optional() }), response: CallViewSchema },
  setAudioDevices: { request: AudioDevicesSchema.partial().strict(), response: AudioDevicesSchema },
  /** this renderer's media engine takes the bridge's requests from now on */
  attachMediaEngine: { request: z.strictObject({ engineId: z.string().min(1).max(100) }), response: SoftphoneViewSchema },
  detachMediaEngine: { request: z.strictObject({ engineId: z.string().min(1).max(100) }), response: Ok },
  answerMediaRequest: { request: z.strictObject({ requestId: z.string().min(1).max(100), result: MediaResultSchema }), response: Ok },
  /** the media engine's latest getStats figures for a call (kept with the call's activity) */
  reportCallQuality: { request: CallRef.extend({ quality: CallQualitySchema }), response: Ok },
} as const;

/** Events pushed to the renderer (merged into DESKTOP_EVENTS). */
export const SOFTPHONE_EVENTS = {
  /** registration or any call changed: the whole view (a handful of calls), so no update can be lost */
  callsChanged: SoftphoneViewSchema,
  /** main's SessionDescriptionHandler needs the media engine; answer with answerMediaRequest */
  mediaRequest: MediaRequestEnvelopeSchema,
} as const;
