/**
 * sip.js's SessionDescriptionHandler for a call whose media lives elsewhere: each offer/answer step is
 * forwarded to the MediaEngine (the renderer's RTCPeerConnection for this call) and its answer returned.
 *
 * sip.js's interface has three synchronous methods; none needs the engine synchronously:
 * - hasDescription: this softphone speaks SDP only, so the content type decides;
 * - sendDtmf: the call manager sends DTMF through the engine itself (with a SIP INFO fallback), so sip.js
 *   never calls this for us; answering false keeps its own INFO path out of it;
 * - close: forwarded without waiting (the call is over either way; a failure is logged).
 *
 * Hold and ICE restart travel in the options sip.js passes through (`sessionDescriptionHandlerOptions`
 * on invite/accept): `{hold: true}` makes a sendonly offer, `{iceRestart: true}` a fresh ICE offer.
 */
import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js';
import type { MediaEngine } from './media-engine';
import type { SoftphoneLog } from './softphone-log';

export type ForwardingOptions = SessionDescriptionHandlerOptions & { hold?: boolean; iceRestart?: boolean };

const SDP = 'application/sdp';

export class ForwardingSessionDescriptionHandler implements SessionDescriptionHandler {
  private closed = false;

  constructor(
    readonly callId: string,
    private readonly engine: MediaEngine,
    private readonly log: SoftphoneLog,
  ) {}

  async getDescription(options?: ForwardingOptions): Promise<BodyAndContentType> {
    const answer = await this.engine.request({ kind: 'getDescription', callId: this.callId, hold: options?.hold === true, iceRestart: options?.iceRestart === true });
    return { body: answer.sdp, contentType: SDP };
  }

  hasDescription(contentType: string): boolean {
    return contentType.split(';')[0]?.trim().toLowerCase() === SDP;
  }

  async setDescription(sdp: string, options?: ForwardingOptions): Promise<void> {
    await this.engine.request({ kind: 'setDescription', callId: this.callId, sdp, hold: options?.hold === true });
  }

  async rollbackDescription(): Promise<void> {
    await this.engine.request({ kind: 'rollback', callId: this.callId });
  }

  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.engine.isAttached()) return;
    this.engine.request({ kind: 'close', callId: this.callId }).catch((error: unknown) => {
      this.log.warn(`closing the media of ${this.callId} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
