/**
 * The call, end to end in Debian's Chromium: the real platform and SIP edge (Kamailio + rtpengine,
 * tests/support/sip/test-stack.ts), the desktop core in browser mode, the renderer with its WebRTC media
 * engine (fake microphone), and SIPp as the customer with a plain RTP endpoint sending a tone and counting
 * what comes back. Ring → Accept → audio both ways → Hold → Resume → Mute → DTMF → Hang up → wrap-up →
 * disposition.
 *
 * The edge keeps the customer's INVITE suspended while the toast rings: an Accept seconds later must still
 * connect (a person, not a script, clicks it).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { collectPageErrors, seriousA11yViolations } from './fixtures';
import { startBrowserMode, type RunningDesktop } from './support/desktop';
import { SCENARIOS } from '../support/sip/customer';
import { PlainRtpEndpoint } from '../support/sip/media/plain-rtp-endpoint';
import { startSipp, type SippProcess } from '../support/sip/media/sipp-run';
import { SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../support/sip/test-stack';

/** rtpengine's range for this file and the customer's RTP port: clear of the Vitest telephony files' ranges. */
const MEDIA = { portMin: 47000, portMax: 47299 };
const CUSTOMER_RTP_PORT = 47400;

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

let stack: TelephonyStack | undefined;
let desktop: RunningDesktop | undefined;
let dir = '';
let customer: SippProcess | undefined;
let customerRtp: PlainRtpEndpoint | undefined;

test.beforeAll(async () => {
  stack = await startTelephonyStack({
    media: MEDIA,
    patch: (raw) => {
      // the fixture's sub-second timers are for routing tests; a call handled by a person needs human ones
      const support = (raw.queues as Record<string, unknown>[]).find((queue) => queue.id === 'support');
      Object.assign(support ?? {}, { offerTimeoutSeconds: 30, wrapUpTimeoutSeconds: 120, ttlSeconds: 120 });
    },
  });
  dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-call-'));
  desktop = await startBrowserMode(stack.platform.url, path.join(dir, 'desktop-data'));
});

test.afterAll(async () => {
  customer?.stop();
  customerRtp?.close();
  await desktop?.process.stop();
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Signs alice in (or finds her signed in: browser mode keeps the core's session) and makes her available. */
async function signInAvailable(page: Page): Promise<void> {
  await page.goto(desktop!.url);
  const inbox = page.getByRole('heading', { name: /^Inbox/ });
  await expect(inbox.or(page.getByRole('heading', { name: 'Sign in' }))).toBeVisible();
  if (!(await inbox.isVisible())) {
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('alice-pw');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(inbox).toBeVisible();
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered', { timeout: 20_000 });
  await page.getByLabel('Presence').selectOption('available');
  await expect(page.getByLabel('Presence')).toHaveValue('available');
}

let calls = 0;
/** The customer calls the support queue (SIPp + an RTP endpoint); the toast rings with the number; Accept. */
async function ringAndAccept(page: Page): Promise<{ call: Locator; acceptedAfterMs: number }> {
  calls += 1;
  customerRtp?.close();
  customerRtp = await PlainRtpEndpoint.open({ port: CUSTOMER_RTP_PORT + calls });
  const sippDir = path.join(dir, `sipp-${calls}`);
  await mkdir(sippDir);
  const calledAt = Date.now();
  customer = startSipp(sippDir, [
    `${stack!.host}:${stack!.udpPort}`, '-sf', path.join(SCENARIOS, 'media-customer.xml'), '-s', SUPPORT_NUMBER,
    '-i', '127.0.0.1', '-p', '0', '-m', '1', '-set', 'caller', '+15550123', '-set', 'rtp_port', String(CUSTOMER_RTP_PORT + calls), '-timeout', '120s',
  ], { timeoutMs: 120_000 });
  const toast = page.getByTestId('offer-toast');
  await expect(toast).toBeVisible({ timeout: 15_000 });
  await expect(toast.getByTestId('offer-caller')).toHaveText('Caller: +15550123');
  await toast.getByRole('button', { name: 'Accept' }).click();
  const acceptedAfterMs = Date.now() - calledAt;
  const call = page.getByTestId('call-controls');
  await expect(call.getByTestId('call-state'))
    .toHaveText('Connected', { timeout: 20_000 })
    .catch((error: Error) => {
      throw new Error(`${error.message}\n(accepted ${acceptedAfterMs} ms after the customer called)\n--- desktop ---\n${desktop!.process.output().slice(-6000)}\n--- edge ---\n${stack!.edgeLog()}`);
    });
  return { call, acceptedAfterMs };
}

/** Audio packets the agent's media engine has received on this call (shown as data on the quality indicator). */
const agentHeard = async (call: Locator) => Number((await call.getByTestId('call-quality').getAttribute('data-packets-received')) ?? 0);

async function hangUpToWrapUp(page: Page, call: Locator): Promise<void> {
  await call.getByRole('button', { name: 'Hang up' }).click();
  const outcome = await customer!.finished;
  expect(outcome.exitCode, `${outcome.errors}\n${stack!.edgeLog()}`).toBe(0);
  await expect(call).toBeHidden();
  const wrapUp = page.getByTestId('wrap-up');
  await expect(wrapUp).toBeVisible({ timeout: 15_000 });
  await wrapUp.getByLabel('Disposition').selectOption('resolved');
  await wrapUp.getByRole('button', { name: 'Submit' }).click();
  await expect(wrapUp).toBeHidden();
}

test('ring → accept → audio both ways → hold → resume → mute → DTMF → hang up → wrap-up → disposition', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectPageErrors(page);
  await signInAvailable(page);
  const { call } = await ringAndAccept(page);

  // The desktop answers the edge's INVITE itself; the call is up with audio both ways.
  await expect(call.getByRole('heading', { name: /^Call from / })).toBeVisible();
  await expect(call.getByTestId('call-number')).toHaveText('+15550123');
  await expect.poll(() => agentHeard(call), { timeout: 15_000 }).toBeGreaterThan(10);
  await expect.poll(() => customerRtp!.stats().packetsReceived, { timeout: 15_000 }).toBeGreaterThan(10);
  await expect(call.getByTestId('quality-mos')).toHaveText(/^\d\.\d$/);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Hold: the customer answers recvonly and stops sending; the agent's count stops. Resume: it flows again.
  await call.getByRole('button', { name: 'Hold' }).click();
  await expect(call.getByTestId('call-state')).toHaveText('On hold', { timeout: 15_000 });
  let settled = -1;
  await expect
    .poll(async () => {
      const now = await agentHeard(call);
      const same = now === settled;
      settled = now;
      return same;
    }, { intervals: [2500], timeout: 20_000 })
    .toBe(true);
  await call.getByRole('button', { name: 'Resume' }).click();
  await expect(call.getByTestId('call-state')).toHaveText('Connected', { timeout: 15_000 });
  await expect.poll(() => agentHeard(call), { timeout: 15_000 }).toBeGreaterThan(settled);

  // Mute and unmute (the microphone track; no re-INVITE).
  await page.keyboard.press('Alt+Shift+M');
  await expect(call.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await call.getByRole('button', { name: 'Unmute' }).click();
  await expect(call.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');

  // DTMF from the keypad reaches the customer as RFC 4733 events.
  await call.getByRole('button', { name: 'Keypad' }).click();
  await call.getByRole('button', { name: 'Tone 5' }).click();
  await expect.poll(() => customerRtp!.stats().dtmfReceived, { timeout: 10_000 }).toContain('5');

  // Hang up: the customer gets BYE, the item goes to wrap-up, the disposition closes it.
  await hangUpToWrapUp(page, call);
  expect(errors).toEqual([]);
});

test('a reload mid-call keeps the call: the new media engine is renegotiated in and audio flows again', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAvailable(page);
  const { call } = await ringAndAccept(page);
  await expect.poll(() => agentHeard(call), { timeout: 15_000 }).toBeGreaterThan(10);

  await page.reload();
  // The same call, answered before the reload, with fresh media after main's ICE-restart re-INVITE.
  await expect(call.getByTestId('call-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect.poll(() => agentHeard(call), { timeout: 20_000 }).toBeGreaterThan(10);
  const customerBefore = customerRtp!.stats().packetsReceived;
  await expect.poll(() => customerRtp!.stats().packetsReceived, { timeout: 15_000 }).toBeGreaterThan(customerBefore + 10);

  await hangUpToWrapUp(page, call);
});
