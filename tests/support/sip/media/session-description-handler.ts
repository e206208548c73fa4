/**
 * The scripted agent's media as sip.js sees it: a SessionDescriptionHandler over a WebRtcPeer. sip.js drives
 * offer/answer through it (INVITE, re-INVITE for hold/resume) and asks it for DTMF; the test reads the peer's
 * counts through `peerOf(session)`.
 */
import type { Session, SessionDescriptionHandler, SessionDescriptionHandlerFactory, SessionDescriptionHandlerOptions, BodyAndContentType } from 'sip.js';

import { WebRtcPeer, type WebRtcPeerOptions } from './webrtc-peer';

/** sip.js's own Web handler reads `hold` from these options (Session#invite on hold/unhold); so does this one. */
type HoldOption = SessionDescriptionHandlerOptions & { hold?: boolean };

export class WebRtcSessionDescriptionHandler implements SessionDescriptionHandler {
  /** A remote offer waiting for our answer (set by setDescription, consumed by getDescription). */
  private remoteOffer: string | undefined;
  /** True between our offer (getDescription) and the remote answer (setDescription). */
  private awaitingAnswer = false;

  constructor(readonly peer: WebRtcPeer) {}

  async getDescription(options?: HoldOption): Promise<BodyAndContentType> {
    if (typeof options?.hold === 'boolean') this.peer.setHold(options.hold);
    let body: string;
    if (this.remoteOffer !== undefined) {
      const offer = this.remoteOffer;
      this.remoteOffer = undefined;
      body = await this.peer.answer(offer);
    } else {
      body = await this.peer.offer();
      this.awaitingAnswer = true;
    }
    return { body, contentType: 'application/sdp' };
  }

  async setDescription(sdp: string, options?: HoldOption): Promise<void> {
    if (typeof options?.hold === 'boolean') this.peer.setHold(options.hold);
    if (this.awaitingAnswer) {
      this.awaitingAnswer = false;
      await this.peer.acceptAnswer(sdp);
    } else {
      this.remoteOffer = sdp;
    }
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  /** Our offer was refused (e.g. a 488 to a re-INVITE): forget it, the last agreed media stays as it was. */
  rollbackDescription(): Promise<void> {
    this.awaitingAnswer = false;
    this.remoteOffer = undefined;
    return Promise.resolve();
  }

  sendDtmf(tones: string): boolean {
    this.peer.sendDtmf(tones).catch((error: unknown) => console.error('DTMF failed:', error));
    return true;
  }

  close(): void {
    this.peer.close().catch((error: unknown) => console.error('closing the media peer failed:', error));
  }
}

/** A factory for sip.js's UserAgent option `sessionDescriptionHandlerFactory`: one WebRTC peer per call. */
export function webRtcSessionDescriptionHandlerFactory(options: WebRtcPeerOptions): SessionDescriptionHandlerFactory {
  return () => new WebRtcSessionDescriptionHandler(new WebRtcPeer(options));
}

/** The media peer of a call, once sip.js has created its handler (after the INVITE's offer or answer). */
export function peerOf(session: Session): WebRtcPeer {
  const handler = session.sessionDescriptionHandler;
  if (!(handler instanceof WebRtcSessionDescriptionHandler)) throw new Error('the session has no WebRTC media handler (yet)');
  return handler.peer;
}
