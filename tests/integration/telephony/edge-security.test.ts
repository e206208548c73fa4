/**
 * What the edge refuses: agents with a forged or expired credential cannot register, nobody registers
 * over UDP, a call from outside to a number that is no queue's is refused (no open relay), and bad SIP —
 * malformed, oversize, unknown methods and URI schemes — is answered with an error or dropped while the
 * edge goes on serving calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ephemeralPassword } from '../../../server/auth/sip';
import { ApiClient, itemEventually, ok } from '../server/helpers';
import { customerRefused } from '../../support/sip/customer';
import { sendDatagram, sipRequest } from '../../support/sip/raw-udp';
import { SipAgent } from '../../support/sip/sip-agent';
import { OVERFLOW_NUMBER, SIP_DOMAIN, SIP_SECRET, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

let stack: TelephonyStack;
const phones: SipAgent[] = [];

beforeAll(async () => {
  stack = await startTelephonyStack({ media: { portMin: 41500, portMax: 41799 } });
});
afterAll(async () => {
  for (const phone of phones) await phone.stop();
  await stack?.close();
});

async function registerWith(authorizationUsername: string, authorizationPassword: string, user = 'alice'): Promise<number> {
  const phone = await SipAgent.connect({ wsUrl: `ws://127.0.0.1:${stack.wsPort}`, uri: `sip:${user}@${SIP_DOMAIN}`, authorizationUsername, authorizationPassword });
  phones.push(phone);
  return phone.register();
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('the edge refuses', () => {
  it('a registration with a forged password', async () => {
    const username = `${inAnHour()}:alice`;
    expect(await registerWith(username, ephemeralPassword('not-the-secret', username))).toBe(401);
  });

  it('a registration with an expired credential, even one the secret signed', async () => {
    const username = `${Math.floor(Date.now() / 1000) - 60}:alice`;
    expect(await registerWith(username, ephemeralPassword(SIP_SECRET, username))).toBe(401);
  });

  it('a registration of one agent with another agent’s credential', async () => {
    const username = `${inAnHour()}:alice`;
    expect(await registerWith(username, ephemeralPassword(SIP_SECRET, username), 'bob')).toBe(403);
  });

  it('a genuine credential registers (the refusals above are about the credential)', async () => {
    const username = `${inAnHour()}:alice`;
    expect(await registerWith(username, ephemeralPassword(SIP_SECRET, username))).toBe(200);
  });

  it('REGISTER over UDP', async () => {
    const answers = await sendDatagram(stack.host, stack.udpPort, sipRequest('REGISTER', `sip:${SIP_DOMAIN}`, { to: `sip:alice@${SIP_DOMAIN}` }));
    expect(answers).toEqual(['SIP/2.0 403 Register over WebSocket']);
  });

  it('a call from outside to a number that is no queue’s (no open relay)', async () => {
    const call = await customerRefused(404, { host: stack.host, port: stack.udpPort, number: '+14155550000', mediaPort: 41800 });
    const outcome = await call.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
  });
});

describe('bad SIP', () => {
  it('is answered with an error or dropped, and a call placed right after still works', async () => {
    const target = `sip:${OVERFLOW_NUMBER}@${SIP_DOMAIN}`;
    const burst: Array<[string, string | Buffer, string[]]> = [
      ['garbage', Buffer.from('\x00\x01 this is not SIP at all \r\n\r\n'), []],
      ['a request line without a version', 'INVITE sip:x@y\r\n\r\n', []],
      ['an unknown method', sipRequest('FROBNICATE', target), ['SIP/2.0 501 Not Implemented']],
      ['an unknown URI scheme', sipRequest('OPTIONS', 'gopher://127.0.0.1/x'), ['SIP/2.0 416 Unsupported URI Scheme in Request URI']],
      ['an oversize request', sipRequest('OPTIONS', target, { body: 'x'.repeat(20_000), extra: ['Content-Type: text/plain'] }), ['SIP/2.0 513 Message Too Large']],
      ['MESSAGE, which the edge does not carry', sipRequest('MESSAGE', target), ['SIP/2.0 405 Method Not Allowed']],
    ];
    for (const [what, datagram, expected] of burst) {
      expect(await sendDatagram(stack.host, stack.udpPort, datagram), what).toEqual(expected);
    }
    const sup = await ApiClient.login(stack.platform.url, 'sup');
    const call = await customerRefused(480, { host: stack.host, port: stack.udpPort, number: OVERFLOW_NUMBER, mediaPort: 41820 });
    const outcome = await call.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    const page = ok(await sup.get(`/v1/workitems?q=${encodeURIComponent('type:call AND queueId:overflow')}`));
    expect(page.items).toHaveLength(1);
    await itemEventually(sup, page.items[0].workitemId, (i) => i.reasonCode === 'NO_AGENT_AVAILABLE');
  });
});
