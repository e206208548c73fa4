/**
 * A caller's CANCEL is honoured even when it carries a To tag (the tag of the edge's 180 Ringing). RFC 3261
 * says a CANCEL repeats the INVITE's To, which had none, but not every client does: SIPp's own CANCEL for a
 * call it gives up on carries it, and a loaded benchmark run showed 603 such CANCELs answered `404 Not here`
 * — the edge took them for in-dialog requests, so those callers' items kept waiting and ringing agents for
 * nobody. The edge now handles CANCEL before anything in-dialog, as Kamailio's default config does.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, itemEventually, ok } from '../server/helpers';
import { customerCall } from '../../support/sip/customer';
import { SALES_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

let stack: TelephonyStack;
beforeAll(async () => {
  stack = await startTelephonyStack({ media: { portMin: 44600, portMax: 44699 } });
});
afterAll(async () => {
  await stack?.close();
});

it('a CANCEL carrying the 180’s To tag ends the waiting call: 487 to the caller, the item ABANDONED', async () => {
  const sup = await ApiClient.login(stack.platform.url, 'sup');
  // nobody serving sales is available: the call waits in its queue, ringing
  const customer = await customerCall('cancels-tagged', { host: stack.host, port: stack.udpPort, number: SALES_NUMBER, pauseMs: 1000, mediaPort: 44720 });
  const outcome = await customer.finished;
  expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
  const page = ok(await sup.get(`/v1/workitems?q=${encodeURIComponent('type:call AND queueId:sales')}`));
  expect(page.items).toHaveLength(1);
  const closed = await itemEventually(sup, page.items[0].workitemId, (i) => i.state === 'closed', 5_000);
  expect(closed.reasonCode).toBe('ABANDONED');
}, 60_000);
