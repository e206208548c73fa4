import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../server/config';
import { e164Of } from '../../../../server/telephony/call-service';
import { NetstringReader, netstring } from '../../../../server/telephony/control-channel';
import { renderEdge } from '../../../../server/telephony/edge-config';
import { EdgeEventSchema } from '../../../../server/telephony/edge-messages';

describe('netstrings (the evapi framing)', () => {
  it('reads messages split and joined across chunks', () => {
    const reader = new NetstringReader();
    const bytes = Buffer.concat([netstring('{"a":1}'), netstring('{"b":"é"}')]);
    expect(reader.push(bytes.subarray(0, 5))).toEqual([]);
    expect(reader.push(bytes.subarray(5, 13))).toEqual(['{"a":1}']);
    expect(reader.push(bytes.subarray(13))).toEqual(['{"b":"é"}']);
  });

  it('refuses a malformed frame instead of guessing', () => {
    expect(() => new NetstringReader().push(Buffer.from('x:{},'))).toThrow(/bad netstring length/);
    expect(() => new NetstringReader().push(Buffer.from('2:{}}'))).toThrow(/not terminated by a comma/);
    expect(() => new NetstringReader().push(Buffer.from('99999999:'))).toThrow();
  });
});

describe('the edge’s connected-call messages', () => {
  it('name the work item and direction: optional on `answered` (later 2xx), required of `in_call`, checked either way', () => {
    const call = { callId: 'c1', fromTag: 'f', toTag: 't' };
    expect(EdgeEventSchema.safeParse({ event: 'answered', ...call }).success).toBe(true);
    expect(EdgeEventSchema.parse({ event: 'answered', ...call, workitemId: 'wi_1', direction: 'inbound' })).toMatchObject({ workitemId: 'wi_1', direction: 'inbound' });
    expect(EdgeEventSchema.safeParse({ event: 'in_call', ...call, direction: 'outbound' }).success).toBe(false);
    expect(EdgeEventSchema.safeParse({ event: 'in_call', ...call, workitemId: 'wi_1', direction: 'sideways' }).success).toBe(false);
    expect(EdgeEventSchema.safeParse({ event: 'in_call', ...call, workitemId: 'x'.repeat(129), direction: 'inbound' }).success).toBe(false);
    expect(EdgeEventSchema.safeParse({ event: 'in_call', ...call, workitemId: 'wi_1', direction: 'inbound' }).success).toBe(true);
  });
});

describe('numbers from SIP user parts', () => {
  it('reads E.164 with or without the plus, and nothing else', () => {
    expect(e164Of('+15550100')).toBe('+15550100');
    expect(e164Of('14155550123')).toBe('+14155550123');
    expect(e164Of('alice')).toBeNull();
    expect(e164Of('')).toBeNull();
  });
});

describe('the rendered edge config', () => {
  const config = parseConfig(
    {
      agents: [{ username: 'alice', password: 'pw', queues: ['support'] }],
      queues: [{ id: 'support', ttlSeconds: 600, offerTimeoutSeconds: 20, phoneNumbers: ['+15550100'] }],
      sip: { domain: 'sb.test', listen: { udpPort: 5960, wsPort: 5966 }, gateway: 'sip:gw.example.com:5070', secret: 'quote"and\\slash', controlPort: 5991, ngPort: 5923 },
    },
    '/',
  );

  it('fills every value, escapes the secret, and keeps a waiting call alive past the longest TTL', () => {
    const { kamailioCfg, rtpengineArgs } = renderEdge(config, { moduleDir: '/mods' });
    expect(kamailioCfg).not.toMatch(/\{\{[A-Z_]+\}\}/);
    expect(kamailioCfg).toContain('listen=udp:127.0.0.1:5960');
    expect(kamailioCfg).toContain('modparam("auth_ephemeral", "secret", "quote\\"and\\\\slash")');
    expect(kamailioCfg).toContain('modparam("evapi", "bind_addr", "127.0.0.1:5991")');
    expect(kamailioCfg).toContain('@gw.example.com:5070');
    expect(kamailioCfg).toContain(`modparam("tm", "max_inv_lifetime", ${(600 + 30 + 120) * 1000})`);
    expect(rtpengineArgs).toEqual(expect.arrayContaining(['--table=-1', '--listen-ng=127.0.0.1:5923', '--port-min=30000', '--port-max=30999']));
  });

  it('puts both control ports (evapi, rtpengine ng) on sip.controlHost, for an edge on its own machine', () => {
    const remote = { ...config, sip: { ...config.sip!, controlHost: '10.0.0.20' } };
    const { kamailioCfg, rtpengineArgs } = renderEdge(remote, { moduleDir: '/mods' });
    expect(kamailioCfg).toContain('modparam("evapi", "bind_addr", "10.0.0.20:5991")');
    expect(kamailioCfg).toContain('modparam("rtpengine", "rtpengine_sock", "udp:10.0.0.20:5923")');
    expect(rtpengineArgs).toContain('--listen-ng=10.0.0.20:5923');
  });

  it('names a placeholder it does not know', () => {
    expect(() => renderEdge(config, { moduleDir: '/mods' }, 'x={{NOPE}}')).toThrow(/\{\{NOPE\}\}/);
  });
});
