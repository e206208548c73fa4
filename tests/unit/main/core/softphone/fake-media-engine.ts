/** A MediaEngine double in Node: answers every media request at once and records what it was asked. */
import type { MediaAnswer, MediaRequest, MediaRequestKind } from '../../../../../common/softphone-api';
import type { MediaEngine, MediaRequestOf } from '../../../../../main/core/softphone/media-engine';

export const AGENT_SDP = ['v=0', 'o=- 2 2 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 41000 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', ''].join('\r\n');

export type FakeMediaEngine = MediaEngine & {
  requests: MediaRequest[];
  attached: boolean;
  /** whether sendDtmf succeeds in-band (false → the softphone falls back to SIP INFO) */
  inbandDtmf: boolean;
};

export function createFakeMediaEngine(): FakeMediaEngine {
  const engine: FakeMediaEngine = {
    requests: [],
    attached: true,
    inbandDtmf: true,
    isAttached: () => engine.attached,
    request<K extends MediaRequestKind>(request: MediaRequestOf<K>): Promise<MediaAnswer<K>> {
      engine.requests.push(request);
      const answers: { [Kind in MediaRequestKind]: MediaAnswer<Kind> } = {
        getDescription: { sdp: AGENT_SDP, type: 'answer' },
        setDescription: {},
        hasDescription: { has: true },
        sendDtmf: { sent: engine.inbandDtmf },
        rollback: {},
        close: {},
        mute: {},
        conference: {},
      };
      return Promise.resolve(answers[request.kind] as MediaAnswer<K>);
    },
  };
  return engine;
}
