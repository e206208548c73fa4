import { describe, expect, it } from 'vitest';
import { bencodeNg, ngResultOf } from '../../../../server/telephony/rtpengine-ng';

describe('rtpengine ng messages', () => {
  it('bencodes a command with sorted keys and byte lengths (not character counts)', () => {
    expect(bencodeNg({ 'call-id': 'abc@h', command: 'block media' }).toString('utf8')).toBe('d7:call-id5:abc@h7:command11:block mediae');
    expect(bencodeNg({ id: 'é', n: 3, l: ['a'] }).toString('utf8')).toBe('d2:id2:é1:ll1:ae1:ni3ee');
  });

  it('reads the result and error-reason of a reply, and nothing from a reply without one', () => {
    expect(ngResultOf(Buffer.from('d6:result2:oke'))).toEqual({ result: 'ok' });
    expect(ngResultOf(Buffer.from('d12:error-reason15:Unknown call-id6:result5:errore'))).toEqual({ result: 'error', errorReason: 'Unknown call-id' });
    expect(ngResultOf(Buffer.from('garbage'))).toBeNull();
  });
});
