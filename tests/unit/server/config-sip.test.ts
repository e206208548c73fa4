import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config';

const minimal = { agents: [{ username: 'alice', password: 'pw', queues: ['support'] }], queues: [{ id: 'support', phoneNumbers: ['+15550100'] }] };
const sip = { domain: '127.0.0.1', gateway: 'sip:127.0.0.1:5070', secret: 'a-long-secret' };

describe('config: the sip block and queue phone numbers', () => {
  it('fills the edge defaults and derives the advertised wsUrl from the listen address', () => {
    const config = parseConfig({ ...minimal, sip: { ...sip, listen: { host: '127.0.0.1', udpPort: 5960, wsPort: 5966 } } }, '/');
    expect(config.sip).toMatchObject({ domain: '127.0.0.1', wsUrl: 'ws://127.0.0.1:5966', media: { portMin: 30000, portMax: 30999 }, controlHost: '127.0.0.1', controlPort: 5091, ngPort: 2223 });
    expect(config.queues[0].phoneNumbers).toEqual(['+15550100']);
  });

  it('takes the control address an edge on another machine listens on (several platform nodes)', () => {
    expect(parseConfig({ ...minimal, sip: { ...sip, controlHost: '10.0.0.20' } }, '/').sip?.controlHost).toBe('10.0.0.20');
  });

  it('keeps a wsUrl given in the file (WSS behind a TLS proxy)', () => {
    expect(parseConfig({ ...minimal, sip: { ...sip, wsUrl: 'wss://sip.example.com' } }, '/').sip?.wsUrl).toBe('wss://sip.example.com');
  });

  it('names each wrong key', () => {
    const bad = (patch: object) => () => parseConfig({ ...minimal, sip: { ...sip, ...patch } }, '/');
    expect(bad({ gateway: '127.0.0.1:5070' })).toThrow(/sip\.gateway: must be a SIP URI/);
    expect(bad({ secret: 'short' })).toThrow(/sip\.secret: must be at least 8 characters/);
    expect(bad({ media: { portMin: 40000, portMax: 39000 } })).toThrow(/sip\.media\.portMax: must be greater than portMin/);
    expect(bad({ listen: { udpPort: 5060, wsPort: 5060 } })).toThrow(/sip\.listen\.wsPort: port 5060 is also listen\.udpPort/);
    expect(bad({ listen: { udpPort: 70000 } })).toThrow(/sip\.listen\.udpPort/);
    expect(bad({ controlHost: 'edge.internal' })).toThrow(/sip\.controlHost: must be an IPv4 address/);
    expect(bad({ controlHost: '10.0.0.300' })).toThrow(/sip\.controlHost: must be an IPv4 address/);
  });

  it('refuses a phone number that is not E.164 or rings two queues', () => {
    expect(() => parseConfig({ ...minimal, queues: [{ id: 'support', phoneNumbers: ['555-0100'] }] }, '/')).toThrow(/queues\.0\.phoneNumbers\.0: must be an E\.164 number/);
    const twice = { ...minimal, queues: [{ id: 'support', phoneNumbers: ['+15550100'] }, { id: 'sales', phoneNumbers: ['+15550100'] }] };
    expect(() => parseConfig(twice, '/')).toThrow(/queues\.1\.phoneNumbers\.0: \+15550100 already rings queue "support"/);
  });

  it('needs no sip block: the platform runs without an edge', () => {
    expect(parseConfig(minimal, '/').sip).toBeUndefined();
  });
});
