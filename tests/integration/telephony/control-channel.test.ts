/**
 * The control channel between the platform and the edge: the platform is its client and connects by
 * retrying with backoff, so the two may start in either order; calls are decided by the platform once
 * it is connected.
 */
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, eventually, itemEventually, ok } from '../server/helpers';
import { customerRefused } from '../../support/sip/customer';
import { OVERFLOW_NUMBER, startTelephonyStack, SUPPORT_NUMBER, type TelephonyStack } from '../../support/sip/test-stack';

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

  // On every connection the edge names the calls whose INVITE it still holds (`waiting`), so a platform node
  // that took over adopts their items. A call this platform ended while the channel was down is among them
  // (its reject is only on its way): it must not become a new call item.
  it('a waiting call ended while the channel was down is not made a new call when the edge names it again', async () => {
    const call = await customerRefused(480, { host: stack.host, port: stack.udpPort, number: SUPPORT_NUMBER, mediaPort: 43160 });
    const sup = await ApiClient.login(stack.platform.url, 'sup');
    const supportCalls = async () => ok(await sup.get(`/v1/workitems?q=${encodeURIComponent('type:call AND queueId:support')}`)).items as { workitemId: string; state: string }[];
    const [item] = await eventually(supportCalls, (items) => items.length === 1 && items[0].state === 'inqueue', 10_000);
    const channel = stack.platform.sipEdge!.channel;
    // the channel's own reconnection backoff, pushed to its cap (2.5–5 s), keeps it down through the DELETE
    const internals = channel as unknown as { socket: Socket | null; attempt: number };
    internals.attempt = 10;
    internals.socket!.destroy();
    await expect.poll(() => channel.isConnected).toBe(false);
    expect((await sup.delete(`/v1/workitems/${item.workitemId}`)).status).toBeLessThan(300);
    expect(channel.isConnected, 'the channel came back before the item was closed: the test proves nothing').toBe(false);
    await channel.whenConnected();
    const outcome = await call.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    // archived items leave every list: a new item for the same call would be the only one here
    expect(await supportCalls()).toEqual([]);
  }, 30_000);
});
