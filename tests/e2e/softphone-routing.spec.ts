/**
 * Where a call goes, end to end in Debian's Chromium against the real platform, SIP edge and SIPp, with two
 * desktops in browser mode (alice and bob, both in the support queue, each its own core and page):
 * - decline → the next agent rings: alice declines the toast, bob's toast rings with the caller's number,
 *   bob accepts and the call connects with audio;
 * - callback → Dial → SIPp answers at the gateway → Hang up → wrap-up.
 * The tests run in order: the second starts from where the first leaves the agents.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { collectPageErrors } from './fixtures';
import { startBrowserMode, type RunningDesktop } from './support/desktop';
import { ApiClient, ok } from '../integration/server/helpers';
import { gatewayCallee, SCENARIOS, type CustomerCall } from '../support/sip/customer';
import { PlainRtpEndpoint } from '../support/sip/media/plain-rtp-endpoint';
import { startSipp, type SippProcess } from '../support/sip/media/sipp-run';
import { SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../support/sip/test-stack';

/** rtpengine's range for this file and the far ends' RTP ports: clear of softphone-call.spec.ts (47000–47499). */
const MEDIA = { portMin: 47500, portMax: 47799 };
const CUSTOMER_RTP_PORT = 47800;
const GATEWAY_MEDIA_PORT = 47810;

test.describe.configure({ mode: 'serial' });
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

type Agent = { username: 'alice' | 'bob'; desktop: RunningDesktop; page?: Page };

let stack: TelephonyStack | undefined;
let dir = '';
const agents: Agent[] = [];
let customer: SippProcess | undefined;
let customerRtp: PlainRtpEndpoint | undefined;

test.beforeAll(async () => {
  stack = await startTelephonyStack({
    media: MEDIA,
    patch: (raw) => {
      // human timers: the agents act on the offer and the call at a person's pace
      const support = (raw.queues as Record<string, unknown>[]).find((queue) => queue.id === 'support');
      Object.assign(support ?? {}, { offerTimeoutSeconds: 30, wrapUpTimeoutSeconds: 120, ttlSeconds: 120 });
    },
  });
  dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-routing-'));
  for (const username of ['alice', 'bob'] as const) {
    agents.push({ username, desktop: await startBrowserMode(stack.platform.url, path.join(dir, `${username}-data`)) });
  }
});

test.afterAll(async () => {
  customer?.stop();
  customerRtp?.close();
  for (const agent of agents) {
    await agent.page?.context().close();
    await agent.desktop.process.stop();
  }
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const agent = (username: Agent['username']): Agent => agents.find((a) => a.username === username)!;

/** The agent's page (its own browser context: two desktops, two origins), signed in, softphone registered. */
async function openDesktop(browser: Browser, who: Agent): Promise<Page> {
  if (who.page) return who.page;
  const page = await (await browser.newContext()).newPage();
  who.page = page;
  await page.goto(who.desktop.url);
  const inbox = page.getByRole('heading', { name: /^Inbox/ });
  await expect(inbox.or(page.getByRole('heading', { name: 'Sign in' }))).toBeVisible();
  if (!(await inbox.isVisible())) {
    await page.getByLabel('Username').fill(who.username);
    await page.getByLabel('Password').fill(`${who.username}-pw`);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(inbox).toBeVisible();
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered', { timeout: 20_000 });
  return page;
}

async function setPresence(page: Page, state: 'available' | 'not_ready'): Promise<void> {
  await page.getByLabel('Presence').selectOption(state);
  await expect(page.getByLabel('Presence')).toHaveValue(state);
}

/** What the desktop and the edge said, for a failure message. */
const logs = () => agents.map((a) => `--- ${a.username}'s desktop ---\n${a.desktop.process.output().slice(-4000)}`).join('\n') + `\n--- edge ---\n${stack!.edgeLog()}`;

/** Audio packets the agent's media engine has received on this call. */
const agentHeard = async (call: Locator) => Number((await call.getByTestId('call-quality').getAttribute('data-packets-received')) ?? 0);

async function hangUpToWrapUp(page: Page, farEnd: SippProcess | CustomerCall): Promise<void> {
  const call = page.getByTestId('call-controls');
  await call.getByRole('button', { name: 'Hang up' }).click();
  const outcome = await farEnd.finished;
  expect(outcome.exitCode, `${outcome.errors}\n${stack!.edgeLog()}`).toBe(0);
  await expect(call).toBeHidden();
  const wrapUp = page.getByTestId('wrap-up');
  await expect(wrapUp).toBeVisible({ timeout: 15_000 });
  await wrapUp.getByLabel('Disposition').selectOption('resolved');
  await wrapUp.getByRole('button', { name: 'Submit' }).click();
  await expect(wrapUp).toBeHidden();
}

test('decline → the next agent rings: alice declines, bob\'s toast rings with the caller\'s number, bob accepts and hears the caller', async ({ browser }) => {
  test.setTimeout(180_000);
  const alice = await openDesktop(browser, agent('alice'));
  const bob = await openDesktop(browser, agent('bob'));
  const errors = [alice, bob].map((page) => collectPageErrors(page));
  // Only alice is available when the customer calls, so the first offer is hers.
  await setPresence(bob, 'not_ready');
  await setPresence(alice, 'available');

  customerRtp = await PlainRtpEndpoint.open({ port: CUSTOMER_RTP_PORT });
  const sippDir = path.join(dir, 'sipp-decline');
  await mkdir(sippDir);
  customer = startSipp(sippDir, [
    `${stack!.host}:${stack!.udpPort}`, '-sf', path.join(SCENARIOS, 'media-customer.xml'), '-s', SUPPORT_NUMBER,
    '-i', '127.0.0.1', '-p', '0', '-m', '1', '-set', 'caller', '+15550123', '-set', 'rtp_port', String(CUSTOMER_RTP_PORT), '-timeout', '120s',
  ], { timeoutMs: 120_000 });

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
  await expect(call.getByTestId('call-state'))
    .toHaveText('Connected', { timeout: 20_000 })
    .catch((error: Error) => {
      throw new Error(`${error.message}\n${logs()}`);
    });
  await expect(call.getByTestId('call-number')).toHaveText('+15550123');
  await expect(alice.getByTestId('call-controls')).toBeHidden();
  await expect.poll(() => agentHeard(call), { timeout: 15_000 }).toBeGreaterThan(10);
  await expect.poll(() => customerRtp!.stats().packetsReceived, { timeout: 15_000 }).toBeGreaterThan(10);

  await hangUpToWrapUp(bob, customer);
  expect(errors.flat()).toEqual([]);
});

test('callback → Dial → SIPp answers at the gateway → Hang up → wrap-up', async ({ browser }) => {
  test.setTimeout(120_000);
  const alice = await openDesktop(browser, agent('alice'));
  const bob = await openDesktop(browser, agent('bob'));
  await setPresence(bob, 'not_ready');
  await setPresence(alice, 'available');

  const sup = await ApiClient.login(stack!.platform.url, 'sup');
  const callback = ok(await sup.post<{ workitemId: string }>('/v1/callbacks', { phone: '+14155550102', queueId: 'support', name: 'Pat' }));
  const row = alice.locator(`[data-testid="outbound-row"][data-workitem-id="${callback.workitemId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('+14155550102');

  const gateway = await gatewayCallee(stack!.gatewayPort, GATEWAY_MEDIA_PORT);
  await row.getByRole('button', { name: /^Dial / }).click();
  const call = alice.getByTestId('call-controls');
  await expect(call.getByTestId('call-state'))
    .toHaveText('Connected', { timeout: 20_000 })
    .catch((error: Error) => {
      gateway.stop();
      throw new Error(`${error.message}\n${logs()}`);
    });
  await expect(call.getByTestId('call-number')).toHaveText('+14155550102');

  await hangUpToWrapUp(alice, gateway);
  await expect(row).toBeHidden();
});
