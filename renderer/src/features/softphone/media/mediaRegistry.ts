/**
 * The live media of each call: peer connection, microphone stream, remote stream, audio element. These
 * are not serialisable and never enter Redux (which holds CallViews and figures only); they live here,
 * keyed by the call id main gave, for the engine, the device watcher and the conference mixer to share.
 */

export type CallMedia = {
  callId: string;
  pc: RTCPeerConnection;
  /** the microphone stream this call sends (its own getUserMedia, so one call's mute is its own) */
  microphone: MediaStream | null;
  /** the microphone opened ahead of the call (prepareForCall), until it is open */
  microphoneOpening: Promise<void> | null;
  /** the track the sender sends now: the microphone's, or a conference mix */
  sender: RTCRtpSender | null;
  transceiver: RTCRtpTransceiver | null;
  remote: MediaStream | null;
  /** plays the remote audio on the chosen speaker */
  output: HTMLAudioElement | null;
  muted: boolean;
  /** the hold the last description asked for; applied to the transceiver's direction */
  hold: boolean;
  /** requests for one call run one at a time, in order (sip.js never overlaps them; a reload might) */
  queue: Promise<unknown>;
};

const calls = new Map<string, CallMedia>();

export const mediaRegistry = {
  get: (callId: string): CallMedia | undefined => calls.get(callId),
  set: (media: CallMedia): void => void calls.set(media.callId, media),
  delete: (callId: string): boolean => calls.delete(callId),
  all: (): CallMedia[] => [...calls.values()],
  clear: (): void => calls.clear(),
};
