/**
 * The renderer's media engine: answers the SessionDescriptionHandler requests main forwards over the
 * media bridge (common/softphone-api.ts) with real WebRTC — one RTCPeerConnection per call, the chosen
 * microphone, remote audio on the chosen speaker, hold by direction, mute by track, DTMF by RFC 4733 —
 * and measures each call's quality once a second.
 *
 * sip.js does not trickle ICE: a description is returned once it carries a UDP candidate (the rest are
 * learned by the relay as peer-reflexive), not after full gathering — except the answer to an accepted
 * call's offer, which goes at once (below).
 *
 * Call setup is on the agent's clock (Accept click → 200 OK), and opening a microphone and a peer
 * connection costs tens to hundreds of milliseconds: `prepareForCall` does both while the toast rings,
 * and the next call adopts them (docs/softphone.md, "Where the time goes").
 */
import type { z } from 'zod';
import { measureQuality, snapshotFromStats, type CallQuality, type StatsSnapshot } from '../../../../../common/call-quality';
import {
  MEDIA_ANSWER_SCHEMAS,
  MediaRequestEnvelopeSchema,
  type MediaRequest,
  type MediaRequestEnvelope,
  type MediaResult,
} from '../../../../../common/softphone-api';
import type { ApiResult } from '../../../../../common/desktop-api';
import { mediaRegistry, type CallMedia } from './mediaRegistry';
import { leaveConference, stopConference, updateConference } from './conferenceMix';

/** The part of the desktop API the engine uses; SwitchboardApi satisfies it, and so does a test bridge. */

export type MediaBridgePort = {
  onMediaRequest(listener: (envelope: MediaRequestEnvelope) => void): () => void;
  answerMediaRequest(request: { requestId: string; result: MediaResult }): Promise<ApiResult<unknown>>;
};

/** What the engine needs from the browser; tests of the parts Chromium cannot run pass a thin fake. */
export type MediaEnvironment = {
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  createAudioElement(): HTMLAudioElement;
};

export type MediaEngineOptions = {
  engineId: string;
  port: MediaBridgePort;
  /** read at each new call: ICE servers from the session (never a public default) */
  iceServers: () => RTCIceServer[];
  /** the chosen devices' ids now (undefined: the system default) */
  microphoneId: () => string | undefined;
  speakerId: () => string | undefined;
  onQuality?: (callId: string, quality: CallQuality) => void;
  /** a call's media ended (close request) */
  onClosed?: (callId: string) => void;
  /** a microphone was opened: device labels are readable from now on (the browser hides them before) */
  onMicrophoneOpened?: () => void;
  /** something the agent should know (e.g. the microphone was refused) */
  onProblem?: (message: string) => void;
  env?: MediaEnvironment;
  /** how long to wait for ICE gathering before sending what there is */
  gatheringTimeoutMs?: number;
  qualityIntervalMs?: number;
};

export type MediaEngine = {
  engineId: string;
  /**
   * A call is about to come (an offer rings): open the microphone and a peer connection now, for the next
   * call to adopt. Idempotent; `releasePrepared` undoes it when no call took them.
   */
  prepareForCall(): void;
  /** Closes what `prepareForCall` opened, unless a call has adopted it. */
  releasePrepared(): void;
  /** replaces the microphone of every call (device chosen or unplugged); keeps mute */
  switchMicrophone(): Promise<void>;
  /** moves every call's audio to the chosen speaker */
  switchSpeaker(): Promise<void>;
  stop(): void;
};

export class MediaError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function browserEnvironment(): MediaEnvironment {
  return {
    createPeerConnection: (config) => new RTCPeerConnection(config),
    getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
    createAudioElement: () => new Audio(),
  };
}

/**
 * The description goes as soon as it carries a UDP candidate and the burst it came in has been delivered
 * (the next task), not at 'complete': a prepared connection's pooled candidates arrive together right
 * after setLocalDescription, while 'complete' also waits for TCP candidates and slow interfaces — on the
 * agent's clock (Accept → 200 OK). sip.js does not trickle, and none is needed: a candidate left out still
 * sends connectivity checks, which a full ICE agent such as the media relay learns as peer-reflexive
 * (RFC 8445 §7.3.1.3). `timeoutMs` bounds the wait when no candidate comes at all.
 */
function waitForUsableCandidate(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete' || hasUdpCandidate(pc.localDescription?.sdp)) return Promise.resolve();
  return new Promise((resolve) => {
    let drained: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      clearTimeout(drained);
      pc.removeEventListener('icegatheringstatechange', onState);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onState = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const onCandidate = (event: RTCPeerConnectionIceEvent) => {
      if (event.candidate === null) done();
      else if (/ udp /i.test(` ${event.candidate.candidate} `)) drained ??= setTimeout(done, 0);
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', onState);
    pc.addEventListener('icecandidate', onCandidate);
  });
}

function hasUdpCandidate(sdp: string | undefined): boolean {
  return sdp !== undefined && /^a=candidate:\S+ \d+ udp /im.test(sdp);
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

export async function setSink(element: HTMLAudioElement, deviceId: string | undefined): Promise<void> {
  // setSinkId('') is the system default; a browser without it plays on the default anyway.
  if (typeof element.setSinkId === 'function') await element.setSinkId(deviceId ?? '');
}

function microphoneConstraints(deviceId: string | undefined): MediaStreamConstraints {
  return {
    audio: { deviceId: deviceId === undefined ? undefined : { exact: deviceId }, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    video: false,
  };
}

export function createMediaEngine(options: MediaEngineOptions): MediaEngine {
  const env = options.env ?? browserEnvironment();
  const gatheringTimeoutMs = options.gatheringTimeoutMs ?? 5000;
  const lastSnapshot = new Map<string, StatsSnapshot>();

  async function openMicrophone(): Promise<MediaStream> {
    const wanted = options.microphoneId();
    try {
      const stream = await env.getUserMedia(microphoneConstraints(wanted));
      options.onMicrophoneOpened?.();
      return stream;
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'NotAllowedError') throw new MediaError('MICROPHONE_DENIED', 'The microphone is blocked for Switchboard; allow it in the browser or system settings.');
      // The chosen microphone is gone (OverconstrainedError / NotFoundError): the default will do.
      if (wanted !== undefined) return env.getUserMedia(microphoneConstraints(undefined));
      throw new MediaError('NO_MICROPHONE', `No microphone could be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Opened ahead of the next call (prepareForCall), not yet any call's. */
  let prepared: CallMedia | null = null;

  function newCallMedia(callId: string): CallMedia {
    // Default bundle policy: an audio-only offer from the media relay need not carry a BUNDLE group. No
    // candidate pool: Chromium discards it when an answer is applied, before the answer's transport could
    // take it (measured: a fresh gathering every time), so it only cost a gathering per ring.
    const pc = env.createPeerConnection({ iceServers: options.iceServers(), rtcpMuxPolicy: 'require' });
    const media: CallMedia = { callId, pc, microphone: null, microphoneOpening: null, sender: null, transceiver: null, remote: null, output: null, muted: false, hold: false, queue: Promise.resolve() };
    pc.addEventListener('track', (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      media.remote = stream;
      const output = media.output ?? env.createAudioElement();
      media.output = output;
      output.autoplay = true;
      output.srcObject = stream;
      setSink(output, options.speakerId())
        .then(() => output.play())
        .catch((error: unknown) => options.onProblem?.(`The call's audio could not be played: ${error instanceof Error ? error.message : String(error)}`));
    });
    return media;
  }

  function callMedia(callId: string): CallMedia {
    const existing = mediaRegistry.get(callId);
    if (existing) return existing;
    const media = prepared ?? newCallMedia(callId);
    prepared = null;
    media.callId = callId;
    mediaRegistry.set(media);
    return media;
  }

  function prepareForCall(): void {
    if (prepared !== null) return;
    const media = newCallMedia('');
    prepared = media;
    media.microphoneOpening = openMicrophone().then(
      (stream) => {
        media.microphoneOpening = null;
        if (media.pc.signalingState === 'closed') return stopStream(stream);
        media.microphone = stream;
        // Added before the far end's offer, the track's transceiver is the one that offer's audio line
        // takes (JSEP: a transceiver made by addTrack is reused), so the answer sends this microphone.
        if (media.pc.signalingState === 'stable' && media.pc.getTransceivers().length === 0) media.pc.addTrack(stream.getAudioTracks()[0], stream);
      },
      () => {
        // A call that adopts this opens the microphone itself and reports why it cannot.
        media.microphoneOpening = null;
      },
    );
  }

  function releasePrepared(): void {
    const media = prepared;
    if (media === null) return;
    prepared = null;
    media.pc.close();
    if (media.microphone) stopStream(media.microphone);
    // one still opening is stopped when it opens (its connection is closed by then)
  }

  /** The microphone track is added once per call; later descriptions only change its direction. */
  async function ensureMicrophone(media: CallMedia): Promise<void> {
    if (media.transceiver !== null) return;
    if (media.microphoneOpening !== null) await media.microphoneOpening;
    if (media.transceiver !== null) return;
    const primed = media.microphone?.getAudioTracks()[0];
    const primedTransceiver = primed && media.pc.getTransceivers().find((t) => t.sender.track === primed);
    if (primedTransceiver && (primedTransceiver.mid !== null || media.pc.signalingState !== 'have-remote-offer')) {
      media.transceiver = primedTransceiver;
      media.sender = primedTransceiver.sender;
      return;
    }
    if (primedTransceiver) media.pc.removeTrack(primedTransceiver.sender); // the offer's audio line did not take it
    const stream = media.microphone ?? (await openMicrophone());
    const [track] = stream.getAudioTracks();
    track.enabled = !media.muted;
    media.microphone = stream;
    // The transceiver may exist from a remote offer's m-line: reuse it rather than adding a second.
    const existing = media.pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio' && t.sender.track === null);
    if (existing) {
      await existing.sender.replaceTrack(track);
      existing.sender.setStreams?.(stream);
      media.transceiver = existing;
    } else {
      media.transceiver = media.pc.addTransceiver(track, { direction: 'sendrecv', streams: [stream] });
    }
    media.sender = media.transceiver.sender;
  }

  function applyHold(media: CallMedia, hold: boolean): void {
    media.hold = hold;
    // In an answer the browser intersects this with the offer's direction (JSEP), so a remote hold
    // (sendonly) becomes recvonly, and both holding becomes inactive.
    if (media.transceiver) media.transceiver.direction = hold ? 'sendonly' : 'sendrecv';
  }

  /** A call whose first description failed (no microphone) leaves nothing behind. */
  async function ensureMicrophoneOrDiscard(media: CallMedia): Promise<void> {
    try {
      await ensureMicrophone(media);
    } catch (error) {
      if (media.transceiver === null && media.remote === null) {
        media.pc.close();
        mediaRegistry.delete(media.callId);
      }
      throw error;
    }
  }

  async function getDescription(request: Extract<MediaRequest, { kind: 'getDescription' }>) {
    const media = callMedia(request.callId);
    await ensureMicrophoneOrDiscard(media);
    applyHold(media, request.hold);
    const { pc } = media;
    const answering = pc.signalingState === 'have-remote-offer';
    const sdp = await describeLocally(pc, answering ? pc.createAnswer() : pc.createOffer({ iceRestart: request.iceRestart }));
    return { sdp, type: answering ? ('answer' as const) : ('offer' as const) };
  }

  /**
   * Applies our offer or answer and returns it with its ICE candidates (sip.js does not trickle); `null`:
   * one already applied.
   */
  async function describeLocally(pc: RTCPeerConnection, making: Promise<RTCSessionDescriptionInit | null>): Promise<string> {
    const description = await making;
    if (description !== null) await pc.setLocalDescription(description);
    await waitForUsableCandidate(pc, gatheringTimeoutMs);
    const local = pc.localDescription;
    if (!local?.sdp) throw new MediaError('NO_DESCRIPTION', 'The browser produced no session description.');
    return local.sdp;
  }

  /**
   * A prepared call answering a plain offer (no hold, one audio line — the line JSEP gives the
   * transceiver the microphone was added with): setRemoteDescription and an implicit setLocalDescription
   * are queued together on the connection's operations chain, which makes the answer right after the offer
   * is applied, with no turn of this thread between them (under load each turn waits for a core).
   */
  function canAnswerAtOnce(media: CallMedia, request: Extract<MediaRequest, { kind: 'setDescription' }>): boolean {
    const primed = media.microphone?.getAudioTracks()[0];
    return (
      request.answerOffer === true &&
      !request.hold &&
      media.transceiver === null &&
      media.pc.signalingState === 'stable' &&
      media.pc.remoteDescription === null &&
      /^m=audio /m.test(request.sdp) &&
      (request.sdp.match(/^m=/gm) ?? []).length === 1 &&
      primed !== undefined &&
      media.pc.getTransceivers().some((t) => t.sender.track === primed && t.mid === null)
    );
  }

  async function setDescription(request: Extract<MediaRequest, { kind: 'setDescription' }>) {
    const media = callMedia(request.callId);
    if (canAnswerAtOnce(media, request)) {
      const applying = media.pc.setRemoteDescription({ type: 'offer', sdp: request.sdp });
      const answering = media.pc.setLocalDescription();
      try {
        await applying;
      } catch (error) {
        // a refused offer leaves the connection stable, where the queued implicit description is an offer: undone
        await answering.catch(() => undefined);
        if (media.pc.signalingState === 'have-local-offer') await media.pc.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
        throw error;
      }
      await ensureMicrophoneOrDiscard(media); // adopts the primed transceiver the offer took
      applyHold(media, false);
      await answering;
      // Sent without waiting for a candidate: gathering starts only now and takes 15–30 ms, on the caller's
      // clock. The media relay (a full ICE agent, and our only peer here) learns this side's address as
      // peer-reflexive from the connectivity checks that follow (RFC 8445 §7.3.1.3); the e2e tests' audio
      // both ways proves it. Re-negotiations still carry candidates (describeLocally).
      const sdp = media.pc.localDescription?.sdp;
      if (!sdp) throw new MediaError('NO_DESCRIPTION', 'The browser produced no session description.');
      return { answer: { sdp } };
    }
    const type = media.pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
    await media.pc.setRemoteDescription({ type, sdp: request.sdp });
    if (type !== 'offer') return {};
    await ensureMicrophoneOrDiscard(media);
    applyHold(media, request.hold);
    // main asks for the answer next in any case: made now, it needs no second request
    return request.answerOffer === true ? { answer: { sdp: await describeLocally(media.pc, media.pc.createAnswer()) } } : {};
  }

  function sendDtmf(request: Extract<MediaRequest, { kind: 'sendDtmf' }>) {
    const dtmf = mediaRegistry.get(request.callId)?.sender?.dtmf;
    // No telephone-event negotiated: main falls back to SIP INFO.
    if (!dtmf?.canInsertDTMF) return { sent: false };
    dtmf.insertDTMF(request.tones, request.durationMs, request.interToneGapMs);
    return { sent: true };
  }

  async function rollback(callId: string) {
    const media = mediaRegistry.get(callId);
    if (media?.pc.signalingState === 'have-local-offer') await media.pc.setLocalDescription({ type: 'rollback' });
    return {};
  }

  async function close(callId: string) {
    const media = mediaRegistry.get(callId);
    if (media) {
      await leaveConference(callId);
      for (const track of media.microphone?.getTracks() ?? []) track.stop();
      media.pc.close();
      if (media.output) {
        media.output.pause();
        media.output.srcObject = null;
      }
      mediaRegistry.delete(callId);
      lastSnapshot.delete(callId);
      options.onClosed?.(callId);
    }
    return {};
  }

  function mute(callId: string, muted: boolean) {
    const media = mediaRegistry.get(callId);
    if (!media) throw new MediaError('NO_CALL', `No media for call ${callId}.`);
    media.muted = muted;
    for (const track of media.microphone?.getAudioTracks() ?? []) track.enabled = !muted;
    return {};
  }

  async function handle(request: MediaRequest): Promise<unknown> {
    switch (request.kind) {
      case 'getDescription':
        return getDescription(request);
      case 'setDescription':
        return setDescription(request);
      case 'hasDescription':
        return { has: request.contentType.toLowerCase().split(';')[0].trim() === 'application/sdp' };
      case 'sendDtmf':
        return sendDtmf(request);
      case 'rollback':
        return rollback(request.callId);
      case 'close':
        return close(request.callId);
      case 'mute':
        return mute(request.callId, request.muted);
      case 'conference':
        await updateConference(request.callIds);
        return {};
    }
  }

  /** Runs a request after the ones before it for the same call, and answers main with its result. */
  function onEnvelope(raw: unknown): void {
    const parsed = MediaRequestEnvelopeSchema.safeParse(raw);
    if (!parsed.success || parsed.data.engineId !== options.engineId) return;
    const { requestId, request } = parsed.data;
    const receivedAt = performance.now();
    const callId = 'callId' in request ? request.callId : null;
    const media = callId === null ? undefined : mediaRegistry.get(callId);
    const run = async (): Promise<MediaResult> => {
      try {
        const answer = await handle(request);
        const schema: z.ZodType = MEDIA_ANSWER_SCHEMAS[request.kind];
        return { ok: true, answer: schema.parse(answer) };
      } catch (error) {
        const code = error instanceof MediaError ? error.code : 'MEDIA_FAILED';
        const message = error instanceof Error ? error.message : String(error);
        if (code === 'MICROPHONE_DENIED' || code === 'NO_MICROPHONE') options.onProblem?.(message);
        return { ok: false, error: { code, message: message.slice(0, 2000) } };
      }
    };
    const previous = media?.queue ?? Promise.resolve();
    const result = previous.then(run, run);
    if (media) media.queue = result;
    result
      .then((outcome) => {
        // In DevTools' Performance panel (and a bench's Chromium trace): each request from arrival to answer.
        performance.measure(`media ${request.kind}`, { start: receivedAt, detail: { callId } });
        return options.port.answerMediaRequest({ requestId, result: outcome });
      })
      .catch((error: unknown) => options.onProblem?.(`The media engine could not answer the desktop core: ${error instanceof Error ? error.message : String(error)}`));
  }

  async function pollQuality(): Promise<void> {
    for (const media of mediaRegistry.all()) {
      if (media.pc.connectionState === 'closed') continue;
      const report = await media.pc.getStats();
      const snapshot = snapshotFromStats(report.values(), performance.now());
      const quality = measureQuality(lastSnapshot.get(media.callId), snapshot);
      lastSnapshot.set(media.callId, snapshot);
      options.onQuality?.(media.callId, quality);
    }
  }

  const unsubscribe = options.port.onMediaRequest(onEnvelope);
  const poller = setInterval(() => {
    pollQuality().catch(() => undefined); // a call closing mid-poll has no stats; the next poll skips it
  }, options.qualityIntervalMs ?? 1000);

  return {
    engineId: options.engineId,
    prepareForCall,
    releasePrepared,
    async switchMicrophone() {
      releasePrepared(); // opened on the device chosen before
      for (const media of mediaRegistry.all()) {
        if (!media.sender || !media.microphone) continue;
        const stream = await openMicrophone();
        const [track] = stream.getAudioTracks();
        track.enabled = !media.muted;
        for (const old of media.microphone.getTracks()) old.stop();
        media.microphone = stream;
        await media.sender.replaceTrack(track);
      }
      await updateConference(null);
    },
    async switchSpeaker() {
      await Promise.all(mediaRegistry.all().map((media) => (media.output ? setSink(media.output, options.speakerId()) : Promise.resolve())));
    },
    stop() {
      releasePrepared();
      unsubscribe();
      clearInterval(poller);
      stopConference();
      for (const media of mediaRegistry.all()) void close(media.callId);
    },
  };
}
