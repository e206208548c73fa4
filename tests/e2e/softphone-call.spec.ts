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
import { expect, test, type Locator, type Page, type WebSocketRoute } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { collectPageErrors, seriousA11yViolations } from './fixtures';
import type { RunningDesktop } from './support/desktop';
import {
  agentHeard,
  customerCalls,
  hangUpToWrapUp,
  setPresence,
  signIn,
  softphoneBrowser,
  startSoftphoneStack,
  type CallingCustomer,
  type SoftphoneStack,
} from './support/softphone-fixture';

/** rtpengine's range for this file and the customer's RTP port: clear of the Vitest telephony files' ranges. */
const MEDIA = { portMin: 47000, portMax: 47299 };
const CUSTOMER_RTP_PORT = 47400;

test.use(softphoneBrowser);

let stack: SoftphoneStack | undefined;
let desktop: RunningDesktop | undefined;
let customer: CallingCustomer | undefined;

test.beforeAll(async () => {
  stack = await startSoftphoneStack(MEDIA);
  desktop = await stack.startDesktop('alice');
});

test.afterAll(async () => {
  customer?.stop();
  await stack?.stop();
});

/** Signs alice in (or finds her signed in: browser mode keeps the core's session) and makes her available. */
async function signInAvailable(page: Page): Promise<void> {
  await signIn(page, desktop!, 'alice');
  await setPresence(page, 'available');
}

let calls = 0;
/** The customer calls the support queue (SIPp + an RTP endpoint); the toast rings with the number; Accept. */
async function ringAndAccept(page: Page): Promise<{ call: Locator; acceptedAfterMs: number }> {
  calls += 1;
  customer?.rtp.close();
  const calledAt = Date.now();
  customer = await customerCalls(stack!, CUSTOMER_RTP_PORT + calls, String(calls));
  const toast = page.getByTestId('offer-toast');
  await expect(toast).toBeVisible({ timeout: 15_000 });
  await expect(toast.getByTestId('offer-caller')).toHaveText('Caller: +15550123');
  await toast.getByRole('button', { name: 'Accept' }).click();
  const acceptedAfterMs = Date.now() - calledAt;
  const call = page.getByTestId('call-controls');
  await expect(call.getByTestId('call-state'))
    .toHaveText('Connected', { timeout: 20_000 })
    .catch((error: Error) => {
      throw new Error(`${error.message}\n(accepted ${acceptedAfterMs} ms after the customer called)\n${stack!.logs()}`);
    });
  return { call, acceptedAfterMs };
}

const customerHeard = () => customer!.rtp.stats().packetsReceived;

/** Alice signed in and available, a customer's call accepted, and the agent hearing the customer. */
async function inCallHearingTheCustomer(page: Page): Promise<Locator> {
  await signInAvailable(page);
  const { call } = await ringAndAccept(page);
  await expect.poll(() => agentHeard(call), { timeout: 15_000 }).toBeGreaterThan(10);
  return call;
}

/** The customer keeps hearing the agent: more packets from now on. */
async function expectCustomerHearingMore(): Promise<void> {
  const before = customerHeard();
  await expect.poll(() => customerHeard(), { timeout: 15_000 }).toBeGreaterThan(before + 10);
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
  await expect.poll(() => customerHeard(), { timeout: 15_000 }).toBeGreaterThan(10);
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
  await expect.poll(() => customer!.rtp.stats().dtmfReceived, { timeout: 10_000 }).toContain('5');

  // Hang up: the customer gets BYE, the item goes to wrap-up, the disposition closes it.
  await hangUpToWrapUp(page, customer!.sipp, () => stack!.logs());
  expect(errors).toEqual([]);
});

test('a reload mid-call keeps the call: the new media engine is renegotiated in and audio flows again', async ({ page }) => {
  test.setTimeout(180_000);
  const call = await inCallHearingTheCustomer(page);

  await page.reload();
  // The same call, answered before the reload, with fresh media after main's ICE-restart re-INVITE.
  await expect(call.getByTestId('call-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect.poll(() => agentHeard(call), { timeout: 20_000 }).toBeGreaterThan(10);
  await expectCustomerHearingMore();

  await hangUpToWrapUp(page, customer!.sipp, () => stack!.logs());
});

test('the page loses its socket to the core mid-call and gets it back: its media engine is attached again and the call goes on', async ({ page }) => {
  test.setTimeout(180_000);
  // Every connection of the page to the core passes through here (relayed as is), so the test can cut the live one.
  let toCore: WebSocketRoute | null = null;
  await page.routeWebSocket(/\/api(\?|$)/, (route) => {
    route.connectToServer();
    toCore = route;
  });
  const call = await inCallHearingTheCustomer(page);
  const renegotiatedBefore = (await coreLog('alice')).split('renegotiated onto it').length;

  // closed on the page's side, the relay closes the core's side too; the page reconnects (a new route)
  await (toCore as WebSocketRoute | null)?.close({ code: 1001, reason: 'going away' });
  // The host detached the engine with its socket; the page, alive, attached it again, and the core's
  // ICE-restart re-INVITE moved the call onto it, instead of hanging up when "no window came back".
  await expect.poll(async () => (await coreLog('alice')).split('renegotiated onto it').length, { timeout: 20_000 }).toBeGreaterThan(renegotiatedBefore);
  await expect(call.getByTestId('call-state')).toHaveText('Connected', { timeout: 20_000 });
  const agentBefore = await agentHeard(call);
  await expect.poll(() => agentHeard(call), { timeout: 20_000 }).toBeGreaterThan(agentBefore + 10);
  await expectCustomerHearingMore();

  await hangUpToWrapUp(page, customer!.sipp, () => stack!.logs());
});

/** The desktop core's log so far (pino lines in DATA/logs/core.N.log). */
async function coreLog(name: string): Promise<string> {
  const dir = path.join(stack!.dir, `${name}-data`, 'logs');
  const files = (await readdir(dir)).filter((file) => file.startsWith('core'));
  return (await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')))).join('');
}

/** Crashes the page's renderer process as a real crash would: no pagehide, the socket just goes. */
async function crashRenderer(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined); // never answered: the target is gone
  await crashed;
}

test('a renderer that crashes mid-call: a window opened again takes the call back, with audio both ways', async ({ page }) => {
  test.setTimeout(180_000);
  await inCallHearingTheCustomer(page);

  await crashRenderer(page);
  // The core learnt of the loss from the closed socket; the new window's engine is renegotiated in.
  const again = await page.context().newPage();
  await signIn(again, desktop!, 'alice');
  const callAgain = again.getByTestId('call-controls');
  await expect(callAgain.getByTestId('call-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect.poll(() => agentHeard(callAgain), { timeout: 20_000 }).toBeGreaterThan(10);
  await expectCustomerHearingMore();

  await hangUpToWrapUp(again, customer!.sipp, () => stack!.logs());
  await again.close();
});

test('a renderer that crashes mid-call and does not come back: the call is hung up and its item goes to wrap-up', async ({ page }) => {
  test.setTimeout(180_000);
  await inCallHearingTheCustomer(page);

  await crashRenderer(page);
  // No window: after the core's grace the customer gets a BYE (SIPp's scenario ends well only on one).
  const outcome = await customer!.sipp.finished;
  expect(outcome.exitCode, `${outcome.errors}\n${stack!.logs()}`).toBe(0);
  // …because the core learnt of the loss from the closed socket, not from a media request's timeout
  await expect.poll(() => coreLog('alice'), { timeout: 10_000 }).toMatch(/the media engine went away with 1 call\(s\) up/);

  const again = await page.context().newPage();
  await signIn(again, desktop!, 'alice');
  await expect(again.getByTestId('call-controls')).toBeHidden();
  const wrapUp = again.getByTestId('wrap-up');
  await expect(wrapUp).toBeVisible({ timeout: 15_000 });
  await wrapUp.getByLabel('Disposition').selectOption('resolved');
  await wrapUp.getByRole('button', { name: 'Submit' }).click();
  await expect(wrapUp).toBeHidden();
  await again.close();
});
