/**
 * The control channel between the platform and the edge: the platform is its client and connects by
 * retrying with backoff, so the two may start in either order; calls are decided by the platform once
 * it is connected.
 */
import { connect } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, itemEventually, ok } from '../server/helpers';
import { customerRefused } from '../../support/sip/customer';
import { OVERFLOW_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

let stack: TelephonyStack;
beforeAll(async () => {
  stack = await startTelephonyStack({ media: { portMin: 43000, portMax: 43099 }, platformFirst: true });
});
afterAll(async () => {
  await stack?.close();
});

describe('control channel', () => {
  it('a platform started before the edge connects once the edge is up, and its calls are decided', async () => {
    expect(stack.platform.sipEdge!.channel.isConnected).toBe(true);
    const call = await customerRefused(480, { host: stack.host, port: stack.udpPort, number: OVERFLOW_NUMBER, mediaPort: 43120 });
    const outcome = await call.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    const sup = await ApiClient.login(stack.platform.url, 'sup');
    const page = ok(await sup.get(`/v1/workitems?q=${encodeURIComponent('type:call AND queueId:overflow')}`));
    expect(page.items).toHaveLength(1);
    await itemEventually(sup, page.items[0].workitemId, (i) => i.reasonCode === 'NO_AGENT_AVAILABLE');
  });

  // With several platform nodes the node that takes over may connect before the old routing node's
  // connection is seen to close (a paused node, a cut network): that late close must not make the edge
  // answer 503 while the new node is connected. It did while the edge kept a flag instead of a count.
  it('a second control connection that closes does not cut off the platform still connected', async () => {
    const other = connect({ host: '127.0.0.1', port: stack.raw.sip.controlPort });
    await once(other, 'connect');
    const port = other.localPort; // gone from the socket once it is destroyed
    const seen = (what: string) => stack.edgeLog().includes(`edge: platform ${what} from 127.0.0.1:${port} `);
    await expect.poll(() => seen('connected'), { timeout: 5_000 }).toBe(true);
    other.destroy();
    await expect.poll(() => seen('disconnected'), { timeout: 5_000 }).toBe(true);
    expect(stack.platform.sipEdge!.channel.isConnected).toBe(true);
    const call = await customerRefused(480, { host: stack.host, port: stack.udpPort, number: OVERFLOW_NUMBER, mediaPort: 43140 });
    const outcome = await call.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
  });
});
