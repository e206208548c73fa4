/**
 * What the softphone specs (tests/e2e/softphone-*.spec.ts) and the softphone bench share, written once:
 * - Chromium with fake media devices and loopback WebRTC (`softphoneBrowser` for `test.use`);
 * - the telephony stack (the platform and the SIP edge, tests/support/sip/test-stack.ts) with a person's
 *   timers — the agent acts on an offer and a call at a person's pace — and browser-mode desktops in one
 *   temp dir, all stopped together;
 * - signing an agent in (or finding them signed in: browser mode keeps the core's session), presence;
 * - the customer calling the support queue: SIPp sending from a plain RTP endpoint that counts what
 *   comes back; what the agent heard; hanging up to the wrap-up and its disposition;
 * - a page harness for the specs that run renderer modules in Chromium without the stack.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBrowserMode, type RunningDesktop } from './desktop';
import { SCENARIOS } from '../../support/sip/customer';
import { PlainRtpEndpoint } from '../../support/sip/media/plain-rtp-endpoint';
import { startSipp, type SippProcess } from '../../support/sip/media/sipp-run';
import { SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

export const SOFTPHONE_CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required',
];

/** `test.use(softphoneBrowser)`: Debian's Chromium, a fake microphone (a beep), loopback ICE allowed. */
export const softphoneBrowser = { launchOptions: { executablePath: '/usr/bin/chromium', args: SOFTPHONE_CHROMIUM_ARGS } };

export type SoftphoneStack = {
  edge: TelephonyStack;
  /** the temp dir: desktops' data, SIPp's files */
  dir: string;
  /** a desktop core in browser mode against this platform, its data in `dir/NAME-data` */
  startDesktop(name: string): Promise<RunningDesktop>;
  /** the last lines of every desktop's and the edge's output, for a failure message */
  logs(): string;
  stop(): Promise<void>;
};

/** The platform and the SIP edge with `media` as rtpengine's port range (each file its own, clear of the others'). */
export async function startSoftphoneStack(media: { portMin: number; portMax: number }): Promise<SoftphoneStack> {
  const edge = await startTelephonyStack({
    media,
    patch: (raw) => {
      // the fixture's sub-second timers are for routing tests; a call handled by a person needs human ones
      const support = (raw.queues as Record<string, unknown>[]).find((queue) => queue.id === 'support');
      Object.assign(support ?? {}, { offerTimeoutSeconds: 30, wrapUpTimeoutSeconds: 120, ttlSeconds: 120 });
    },
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-softphone-'));
  const desktops: { name: string; desktop: RunningDesktop }[] = [];
  return {
    edge,
    dir,
    async startDesktop(name) {
      const desktop = await startBrowserMode(edge.platform.url, path.join(dir, `${name}-data`));
      desktops.push({ name, desktop });
      return desktop;
    },
    logs: () => desktops.map(({ name, desktop }) => `--- ${name}'s desktop ---\n${desktop.process.output().slice(-4000)}`).join('\n') + `\n--- edge ---\n${edge.edgeLog()}`,
    async stop() {
      for (const { desktop } of desktops) await desktop.process.stop();
      await edge.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the desktop and signs `username` in (password `USERNAME-pw`) unless signed in already; waits for the softphone to register. */
export async function signIn(page: Page, desktop: RunningDesktop, username: string): Promise<void> {
  await page.goto(desktop.url);
  const inbox = page.getByRole('heading', { name: /^Inbox/ });
  await expect(inbox.or(page.getByRole('heading', { name: 'Sign in' }))).toBeVisible();
  if (!(await inbox.isVisible())) {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(`${username}-pw`);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(inbox).toBeVisible();
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered', { timeout: 20_000 });
}

export async function setPresence(page: Page, state: 'available' | 'not_ready'): Promise<void> {
  await page.getByLabel('Presence').selectOption(state);
  await expect(page.getByLabel('Presence')).toHaveValue(state);
}

export type CallingCustomer = { sipp: SippProcess; rtp: PlainRtpEndpoint; stop(): void };

/**
 * The customer (+15550123) calls the support queue: SIPp's media-customer scenario, its audio from and to
 * a plain RTP endpoint on `rtpPort`; `label` names its SIPp dir. The call waits at the edge until an agent
 * takes it, and SIPp ends when it is hung up.
 */
export async function customerCalls(stack: SoftphoneStack, rtpPort: number, label: string): Promise<CallingCustomer> {
  const rtp = await PlainRtpEndpoint.open({ port: rtpPort });
  const sippDir = path.join(stack.dir, `sipp-${label}`);
  await mkdir(sippDir);
  const sipp = startSipp(sippDir, [
    `${stack.edge.host}:${stack.edge.udpPort}`, '-sf', path.join(SCENARIOS, 'media-customer.xml'), '-s', SUPPORT_NUMBER,
    '-i', '127.0.0.1', '-p', '0', '-m', '1', '-set', 'caller', '+15550123', '-set', 'rtp_port', String(rtpPort), '-timeout', '120s',
  ], { timeoutMs: 120_000 });
  return {
    sipp,
    rtp,
    stop() {
      sipp.stop();
      rtp.close();
    },
  };
}

/** Audio packets the agent's media engine has received on this call (shown as data on the quality indicator). */
export const agentHeard = async (call: Locator) => Number((await call.getByTestId('call-quality').getAttribute('data-packets-received')) ?? 0);

/** Hang up → the far end's SIPp ends well → the wrap-up → a disposition closes the item. */
export async function hangUpToWrapUp(page: Page, farEnd: { finished: Promise<{ exitCode: number | null; errors: string }> }, logs: () => string): Promise<void> {
  const call = page.getByTestId('call-controls');
  await call.getByRole('button', { name: 'Hang up' }).click();
  const outcome = await farEnd.finished;
  expect(outcome.exitCode, `${outcome.errors}\n${logs()}`).toBe(0);
  await expect(call).toBeHidden();
  await submitWrapUp(page);
}

export async function submitWrapUp(page: Page): Promise<void> {
  const wrapUp = page.getByTestId('wrap-up');
  await expect(wrapUp).toBeVisible({ timeout: 15_000 });
  await wrapUp.getByLabel('Disposition').selectOption('resolved');
  await wrapUp.getByRole('button', { name: 'Submit' }).click();
  await expect(wrapUp).toBeHidden();
}

/**
 * A blank page on http://localhost:PORT (a secure context, so getUserMedia exists; the route answers
 * before any network) running a bundled harness until `window[global]` exists. Returns the page's errors
 * (uncaught, and console errors) as they come.
 */
export async function openHarnessPage(page: Page, harness: { port: number; title: string; script: string; css?: string; global: string }): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.route(`http://localhost:${harness.port}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><title>${harness.title}</title></head><body></body></html>` }),
  );
  await page.goto(`http://localhost:${harness.port}/`);
  if (harness.css !== undefined) await page.addStyleTag({ content: harness.css });
  await page.addScriptTag({ content: harness.script });
  await page.waitForFunction((name) => name in window, harness.global);
  return errors;
}
