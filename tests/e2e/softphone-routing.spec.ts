/**
 * Where a call goes, end to end in Debian's Chromium against the real platform, SIP edge and SIPp, with two
 * desktops in browser mode (alice and bob, both in the support queue, each its own core and page):
 * - decline → the next agent rings: alice declines the toast, bob's toast rings with the caller's number,
 *   bob accepts and the call connects with audio;
 * - callback → Dial → SIPp answers at the gateway → Hang up → wrap-up;
 * - Transfer → an agent: alice transfers her call to bob, bob's toast rings with the caller, he accepts and
 *   hears the customer, whose side followed the edge's REFER to a new call;
 * - Transfer → a number: the customer's side follows alice's REFER, the edge relays it to the gateway, where
 *   SIPp (the outside party) answers and later hangs up; alice's item goes to wrap-up.
 * The tests run in order: the second starts from where the first leaves the agents.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { collectPageErrors } from './fixtures';
import type { RunningDesktop } from './support/desktop';
import { ApiClient, ok } from '../integration/server/helpers';
import { gatewayCallee, gatewayTransferTarget } from '../support/sip/customer';
import { SUPPORT_NUMBER } from '../support/sip/test-stack';
import {
  agentHeard,
  customerCalls,
  hangUpToWrapUp,
  setPresence,
  signIn,
  softphoneBrowser,
  startSoftphoneStack,
  type CallingCustomer,
  submitWrapUp,
  type SoftphoneStack,
} from './support/softphone-fixture';

/** rtpengine's range for this file and the far ends' RTP ports: clear of softphone-call.spec.ts (47000–47499). */
const MEDIA = { portMin: 47500, portMax: 47799 };
const CUSTOMER_RTP_PORT = 47800;
const TRANSFERRED_CUSTOMER_RTP_PORT = 47802;
const OUTSIDE_CUSTOMER_RTP_PORT = 47804;
const OUTSIDE_GATEWAY_MEDIA_PORT = 47812;
const GATEWAY_MEDIA_PORT = 47810;

test.describe.configure({ mode: 'serial' });
test.use(softphoneBrowser);

type Agent = { username: 'alice' | 'bob'; desktop: RunningDesktop; page?: Page };

let stack: SoftphoneStack | undefined;
const agents: Agent[] = [];
let customer: CallingCustomer | undefined;
let transferred: CallingCustomer | undefined;
let transferredOut: CallingCustomer | undefined;

test.beforeAll(async () => {
  stack = await startSoftphoneStack(MEDIA);
  for (const username of ['alice', 'bob'] as const) agents.push({ username, desktop: await stack.startDesktop(username) });
});

test.afterAll(async () => {
  customer?.stop();
  transferred?.stop();
  transferredOut?.stop();
  for (const agent of agents) await agent.page?.context().close();
  await stack?.stop();
});

const agent = (username: Agent['username']): Agent => agents.find((a) => a.username === username)!;

/** The agent's page (its own browser context: two desktops, two origins), signed in, softphone registered. */
async function openDesktop(browser: Browser, who: Agent): Promise<Page> {
  if (who.page) return who.page;
  const page = await (await browser.newContext()).newPage();
  who.page = page;
  await signIn(page, who.desktop, who.username);
  return page;
}

const logs = () => stack!.logs();

/** The call panel says Connected (the edge's log goes with a failure; `onFail` first, e.g. to stop a far end). */
async function expectConnected(call: Locator, onFail: () => void = () => undefined): Promise<void> {
  await expect(call.getByTestId('call-state'))
    .toHaveText('Connected', { timeout: 20_000 })
    .catch((error: Error) => {
      onFail();
      throw new Error(`${error.message}\n${logs()}`);
    });
}

/** Only alice is available: the customer (+15550123) calls, alice accepts, the call connects. */
async function aliceTakesACall(alice: Page, bob: Page, rtpPort: number, label: string): Promise<{ customer: CallingCustomer; call: Locator }> {
  await setPresence(bob, 'not_ready');
  await setPresence(alice, 'available');
  const calling = await customerCalls(stack!, rtpPort, label);
  const toast = alice.getByTestId('offer-toast');
  await expect(toast.getByTestId('offer-caller')).toHaveText('Caller: +15550123');
  await toast.getByRole('button', { name: 'Accept' }).click();
  const call = alice.getByTestId('call-controls');
  await expectConnected(call);
  return { customer: calling, call };
}

/** The call panel's Transfer → the dialog: the kind of target, its field, Transfer; the dialog closes. */
async function transferFromDialog(page: Page, call: Locator, kind: 'An agent' | 'A number', field: 'Agent username' | 'Phone number', value: string): Promise<void> {
  await call.getByRole('button', { name: 'Transfer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Transfer call' });
  await dialog.getByRole('radio', { name: kind }).check();
  await dialog.getByLabel(field).fill(value);
  await dialog.getByRole('button', { name: 'Transfer' }).click();
  await expect(dialog).toBeHidden();
}

test('decline → the next agent rings: alice declines, bob\'s toast rings with the caller\'s number, bob accepts and hears the caller', async ({ browser }) => {
  test.setTimeout(180_000);
  const alice = await openDesktop(browser, agent('alice'));
  const bob = await openDesktop(browser, agent('bob'));
  const errors = [alice, bob].map((page) => collectPageErrors(page));
  // Only alice is available when the customer calls, so the first offer is hers.
  await setPresence(bob, 'not_ready');
  await setPresence(alice, 'available');

  customer = await customerCalls(stack!, CUSTOMER_RTP_PORT, 'decline');

  const aliceToast = alice.getByTestId('offer-toast');
  await expect(aliceToast.getByTestId('offer-caller')).toHaveText('Caller: +15550123');
  await setPresence(bob, 'available');
  await expect(bob.getByTestId('offer-toast')).toBeHidden();
  await aliceToast.getByRole('button', { name: 'Decline' }).click();
  await expect(aliceToast).toBeHidden();
  await expect(alice.getByLabel('Presence')).toHaveValue('not_ready:RONA'); // the queue's ronaPresence, with RONA as its reason

  // The same call, still waiting at the edge, now rings at bob's desktop.
  const bobToast = bob.getByTestId('offer-toast');
  await expect(bobToast.getByTestId('offer-caller')).toHaveText('Caller: +15550123');
  await bobToast.getByRole('button', { name: 'Accept' }).click();
  const call = bob.getByTestId('call-controls');
  await expectConnected(call);
  await expect(call.getByTestId('call-number')).toHaveText('+15550123');
  await expect(alice.getByTestId('call-controls')).toBeHidden();
  await expect.poll(() => agentHeard(call), { timeout: 15_000 }).toBeGreaterThan(10);
  await expect.poll(() => customer!.rtp.stats().packetsReceived, { timeout: 15_000 }).toBeGreaterThan(10);

  await hangUpToWrapUp(bob, customer.sipp, logs);
  expect(errors.flat()).toEqual([]);
});

test('callback → Dial → SIPp answers at the gateway → Hang up → wrap-up', async ({ browser }) => {
  test.setTimeout(120_000);
  const alice = await openDesktop(browser, agent('alice'));
  const bob = await openDesktop(browser, agent('bob'));
  await setPresence(bob, 'not_ready');
  await setPresence(alice, 'available');

  const sup = await ApiClient.login(stack!.edge.platform.url, 'sup');
  const callback = ok(await sup.post<{ workitemId: string }>('/v1/callbacks', { phone: '+14155550102', queueId: 'support', name: 'Pat' }));
  const row = alice.locator(`[data-testid="outbound-row"][data-workitem-id="${callback.workitemId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('+14155550102');

  const gateway = await gatewayCallee(stack!.edge.gatewayPort, GATEWAY_MEDIA_PORT);
  await row.getByRole('button', { name: /^Dial / }).click();
  const call = alice.getByTestId('call-controls');
  await expectConnected(call, () => gateway.stop());
  await expect(call.getByTestId('call-number')).toHaveText('+14155550102');

  await hangUpToWrapUp(alice, gateway, logs);
  await expect(row).toBeHidden();
});

test('Transfer → an agent: alice transfers her call to bob, bob\'s toast rings with the caller, he accepts and hears the customer', async ({ browser }) => {
  test.setTimeout(180_000);
  const alice = await openDesktop(browser, agent('alice'));
  const bob = await openDesktop(browser, agent('bob'));
  const errors = [alice, bob].map((page) => collectPageErrors(page));
  const { customer: calling, call: aliceCall } = await aliceTakesACall(alice, bob, TRANSFERRED_CUSTOMER_RTP_PORT, 'transfer');
  transferred = calling;

  // bob becomes free, and alice sends him the call by name
  await setPresence(bob, 'available');
  await transferFromDialog(alice, aliceCall, 'An agent', 'Agent username', 'bob');

  const bobToast = bob.getByTestId('offer-toast');
  await expect(bobToast.getByTestId('offer-caller')).toHaveText('Caller: +15550123');
  await bobToast.getByRole('button', { name: 'Accept' }).click();
  const bobCall = bob.getByTestId('call-controls');
  await expectConnected(bobCall);
  await expect(bobCall.getByTestId('call-number')).toHaveText('+15550123');
  await expect(aliceCall).toBeHidden();
  const customerBefore = transferred.rtp.stats().packetsReceived;
  await expect.poll(() => agentHeard(bobCall), { timeout: 15_000 }).toBeGreaterThan(10);
  await expect.poll(() => transferred!.rtp.stats().packetsReceived - customerBefore, { timeout: 15_000 }).toBeGreaterThan(10);

  await hangUpToWrapUp(bob, transferred.sipp, logs);
  expect(errors.flat()).toEqual([]);
});

test('Transfer → a number: the customer\'s side follows the REFER out through the gateway, and alice\'s item goes to wrap-up', async ({ browser }) => {
  test.setTimeout(120_000);
  const alice = await openDesktop(browser, agent('alice'));
  const bob = await openDesktop(browser, agent('bob'));
  const errors = collectPageErrors(alice);
  const { customer: calling, call } = await aliceTakesACall(alice, bob, OUTSIDE_CUSTOMER_RTP_PORT, 'transfer-out');
  transferredOut = calling;

  const outside = await gatewayTransferTarget(stack!.edge.gatewayPort, OUTSIDE_GATEWAY_MEDIA_PORT, { number: '+15559990001', from: SUPPORT_NUMBER });
  await transferFromDialog(alice, call, 'A number', 'Phone number', '+15559990001');
  await expect(call).toBeHidden();

  // the outside party answered the relayed call and hung up; the customer took its BYE
  const atGateway = await outside.finished;
  expect(atGateway.exitCode, `${atGateway.errors}\n${logs()}`).toBe(0);
  const customerEnd = await transferredOut.sipp.finished;
  expect(customerEnd.exitCode, `${customerEnd.errors}\n${logs()}`).toBe(0);
  await submitWrapUp(alice);
  expect(errors).toEqual([]);
});
