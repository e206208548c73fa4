/**
 * A flood from one source (pike): once a source sends more than `sip.floodLimit` requests outside
 * dialogs in a 2-second window, the edge drops what it sends (with a log line) while another source's
 * call goes through. Loopback lets the flood come from 127.0.0.2 and the customer from 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerRefused } from '../../support/sip/customer';
import { sendDatagram, sipRequest } from '../../support/sip/raw-udp';
import { OVERFLOW_NUMBER, SIP_DOMAIN, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

let stack: TelephonyStack;
beforeAll(async () => {
  stack = await startTelephonyStack({ media: { portMin: 43300, portMax: 43399 }, patch: (raw) => (raw.sip.floodLimit = 10) });
});
afterAll(async () => {
  await stack?.close();
});

describe('a flood from one source', () => {
  it('is dropped while another source is still served', async () => {
    const probe = () => sendDatagram(stack.host, stack.udpPort, sipRequest('OPTIONS', `sip:${SIP_DOMAIN}`), 300, '127.0.0.2');
    expect(await probe()).toEqual(['SIP/2.0 200 OK']);
    await Promise.all(Array.from({ length: 40 }, () => probe()));
    expect(await probe()).toEqual([]);
    expect(stack.edgeLog()).toContain('edge: flood from 127.0.0.2: request dropped (pike)');

    const call = await customerRefused(480, { host: stack.host, port: stack.udpPort, number: OVERFLOW_NUMBER, mediaPort: 43420 });
    const outcome = await call.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
  });
});
