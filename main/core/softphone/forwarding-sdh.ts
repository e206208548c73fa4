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
 * An offer from the far end is answered in the same request that applies it (`answerOffer`): sip.js always
 * asks for that answer right after (setOfferAndGetAnswer, with the same options), so getDescription returns
 * it without a second round trip to the renderer — one hop less between the INVITE and our 200 OK.
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
  /** the engine's answer to the offer just applied, for the getDescription sip.js makes next */
  private preparedAnswer: string | null = null;

  constructor(
    readonly callId: string,
    private readonly engine: MediaEngine,
    private readonly log: SoftphoneLog,
  ) {}

  async getDescription(options?: ForwardingOptions): Promise<BodyAndContentType> {
    const prepared = this.preparedAnswer;
    this.preparedAnswer = null;
    if (prepared !== null) return { body: prepared, contentType: SDP };
    const answer = await this.engine.request({ kind: 'getDescription', callId: this.callId, hold: options?.hold === true, iceRestart: options?.iceRestart === true });
    return { body: answer.sdp, contentType: SDP };
  }

  hasDescription(contentType: string): boolean {
    return contentType.split(';')[0]?.trim().toLowerCase() === SDP;
  }

  async setDescription(sdp: string, options?: ForwardingOptions): Promise<void> {
    this.preparedAnswer = null;
    const applied = await this.engine.request({ kind: 'setDescription', callId: this.callId, sdp, hold: options?.hold === true, answerOffer: true });
    this.preparedAnswer = applied.answer?.sdp ?? null;
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
