/**
 * The call controls on the screen driving real media: the renderer's store, CallsPanel and media engine in
 * Debian's Chromium (fake microphone, loopback WebRTC) against a stand-in for the core's call manager
 * (tests/e2e/support/softphone-ui-harness.tsx). The quality indicator shows figures from real getStats;
 * Mute, Hold, Keypad and Hang up (by click and by shortcut) change what flows; the help overlay lists the
 * shortcuts; the panel is axe-clean.
 */
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { seriousA11yViolations } from './fixtures';
import { bundleForPage, type PageBundle } from './support/bundle';
import { openHarnessPage, softphoneBrowser } from './support/softphone-fixture';

test.use(softphoneBrowser);

let bundle: PageBundle;
test.beforeAll(async () => {
  bundle = await bundleForPage(path.resolve('tests/e2e/support/softphone-ui-harness.tsx'), [path.resolve('renderer/src/styles.css')]);
});

type Stats = { packetsReceived: number; totalAudioEnergy: number };
type Harness = {
  connect(): Promise<void>;
  log(): { name: string; request: unknown }[];
  stats(id: string): Promise<Stats>;
  pressHeadset(reportId: number, bytes: number[]): void;
  lastLights(): { reportId: number; data: number[] } | null;
  unplug(label: string): void;
};

async function open(page: Page): Promise<string[]> {
  const errors = await openHarnessPage(page, { port: 47998, title: 'Softphone', script: bundle.script, css: bundle.css, global: 'softphoneHarness' });
  await page.evaluate(() => (window as unknown as { softphoneHarness: Harness }).softphoneHarness.connect());
  return errors;
}

/** Stats of a call's inbound audio, read from the peer connections the page holds (agent 'a', far end 'far'). */
async function inbound(page: Page, callId: 'a' | 'far'): Promise<Stats> {
  return page.evaluate((id) => (window as unknown as { softphoneHarness: Harness }).softphoneHarness.stats(id), callId);
}

async function expectRising(page: Page, callId: 'a' | 'far', field: keyof Stats): Promise<void> {
  const start = (await inbound(page, callId))[field];
  await expect.poll(async () => (await inbound(page, callId))[field], { timeout: 10_000 }).toBeGreaterThan(start);
}

async function expectFlat(page: Page, callId: 'a' | 'far', field: keyof Stats): Promise<void> {
  let last = -1;
  await expect
    .poll(async () => {
      const now = (await inbound(page, callId))[field];
      const same = Math.abs(now - last) < 1e-6;
      last = now;
      return same;
    }, { intervals: [700], timeout: 10_000 })
    .toBe(true);
}

test('call controls show the call and its live quality, and drive the media', async ({ page }) => {
  const errors = await open(page);
  const panel = page.getByTestId('call-controls');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Call from +14155550123' })).toBeVisible();
  await expect(panel.getByTestId('call-state')).toHaveText('Connected');
  await expect(panel.getByRole('timer', { name: 'Call duration' })).toHaveText(/^00:0\d$/);
  await expect(panel.getByTestId('call-devices')).toHaveText(/Microphone: system default · Speaker: system default/);

  // Quality from real getStats: figures, no warning on loopback.
  await expect(panel.getByTestId('quality-mos')).toHaveText(/^4\.\d$/, { timeout: 15_000 });
  await expect(panel.getByTestId('quality-rtt')).toHaveText(/^\d+ ms$/, { timeout: 15_000 });
  await expect(panel.getByTestId('quality-loss')).toHaveText('0.0 %');
  await expect(panel.getByTestId('call-quality')).toHaveAttribute('data-verdict', 'good');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Audio both ways.
  await expectRising(page, 'a', 'packetsReceived');
  await expectRising(page, 'far', 'totalAudioEnergy');

  // Mute by click: the far end hears silence; Unmute brings the voice back.
  await panel.getByRole('button', { name: 'Mute' }).click();
  await expect(panel.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await expectFlat(page, 'far', 'totalAudioEnergy');
  await page.keyboard.press('Alt+Shift+M');
  await expect(panel.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');
  await expectRising(page, 'far', 'totalAudioEnergy');

  // Hold by shortcut: the agent stops receiving; Resume by click brings it back.
  await page.keyboard.press('Alt+Shift+H');
  await expect(panel.getByTestId('call-state')).toHaveText('On hold');
  await expectFlat(page, 'a', 'packetsReceived');
  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(panel.getByTestId('call-state')).toHaveText('Connected');
  await expectRising(page, 'a', 'packetsReceived');

  // Keypad by shortcut, a tone by click.
  await page.keyboard.press('Alt+Shift+K');
  await expect(panel.getByRole('group', { name: 'Keypad' })).toBeVisible();
  await panel.getByRole('button', { name: 'Tone 5' }).click();
  await expect.poll(async () => (await page.evaluate(() => (window as unknown as { softphoneHarness: Harness }).softphoneHarness.log())).filter((c) => c.name === 'sendDtmf').map((c) => c.request)).toEqual([{ callId: 'a', tones: '5' }]);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The help overlay lists every shortcut; Escape closes it.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByText('Alt+Shift+E')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Transfer opens the picker with the queues.
  await page.keyboard.press('Alt+Shift+T');
  const transfer = page.getByRole('dialog', { name: 'Transfer call' });
  await expect(transfer.getByLabel('Queue', { exact: true })).toContainText('Billing (2 available)');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await transfer.getByRole('button', { name: 'Cancel' }).click();

  // Hang up by shortcut: the media closes and the panel goes.
  await page.keyboard.press('Alt+Shift+E');
  await expect(panel).toBeHidden();
  expect(errors).toEqual([]);
});

test('headset buttons answer for the agent, and its lights follow the call (WebHID, Jabra layout)', async ({ page }) => {
  const errors = await open(page);
  const panel = page.getByTestId('call-controls');
  await expect(panel.getByTestId('call-state')).toHaveText('Connected');
  await expect(panel.getByTestId('call-devices')).toContainText('Headset buttons: Jabra Evolve2 65 (fake)');
  const press = (bytes: number[]) => page.evaluate((b) => (window as unknown as { softphoneHarness: Harness }).softphoneHarness.pressHeadset(2, b), bytes);
  const lights = () => page.evaluate(() => (window as unknown as { softphoneHarness: Harness }).softphoneHarness.lastLights());
  // In a call: the Off-Hook light (bit 0 of report 2), nothing else.
  await expect.poll(lights).toEqual({ reportId: 2, data: [0b0000_0001, 0] });

  // The headset echoes off-hook (hook switch on): not a command while in a call.
  await press([0x01]);
  // Mute button (relative, bit 2): press and release → muted, Mute light on.
  await press([0x05]);
  await press([0x01]);
  await expect(panel.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(lights).toEqual({ reportId: 2, data: [0b0000_0011, 0] });
  await expectFlat(page, 'far', 'totalAudioEnergy');
  await press([0x05]);
  await press([0x01]);
  await expect(panel.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');

  // Flash (bit 3): hold, Hold light on; again: resume.
  await press([0x09]);
  await press([0x01]);
  await expect(panel.getByTestId('call-state')).toHaveText('On hold');
  await expect.poll(lights).toEqual({ reportId: 2, data: [0b0000_1001, 0] });
  await press([0x09]);
  await press([0x01]);
  await expect(panel.getByTestId('call-state')).toHaveText('Connected');

  // Hook back on: hang up; the lights go out.
  await press([0x00]);
  await expect(panel).toBeHidden();
  await expect.poll(lights).toEqual({ reportId: 2, data: [0, 0] });
  expect(errors).toEqual([]);
});

test('audio settings: devices listed by name once the microphone is allowed, a live level meter, the choice used by the call, unplugged mid-call → the default and a notice', async ({ page }) => {
  const errors = await open(page);
  const settings = page.getByTestId('audio-devices');
  await settings.getByRole('button', { name: 'Test microphone' }).click();
  // The fake microphone beeps: the meter moves.
  const meter = settings.getByTestId('mic-level');
  await expect.poll(async () => Number(await meter.getAttribute('data-level')), { timeout: 10_000 }).toBeGreaterThan(0.01);
  await settings.getByRole('button', { name: 'Stop microphone test' }).click();
  await expect(meter).toBeHidden();

  // Chromium's fake devices have names; choosing one is remembered by name and shown as in use.
  const microphone = settings.getByLabel('Microphone');
  await expect.poll(async () => (await microphone.locator('option').allTextContents()).length, { timeout: 10_000 }).toBeGreaterThan(1);
  const name = (await microphone.locator('option').nth(1).textContent()) ?? '';
  await microphone.selectOption({ label: name });
  await expect(page.getByTestId('call-devices')).toContainText(`Microphone: ${name}`);
  const log = await page.evaluate(() => (window as unknown as { softphoneHarness: Harness }).softphoneHarness.log());
  expect(log.filter((c) => c.name === 'setAudioDevices').map((c) => c.request)).toEqual([{ microphone: name }]);
  // The call's microphone was swapped for the chosen one and the far end still hears it.
  await expectRising(page, 'far', 'totalAudioEnergy');

  await settings.getByRole('button', { name: 'Play test tone on speaker' }).click();
  await settings.getByRole('button', { name: 'Play test tone on ringer' }).click();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The chosen microphone is unplugged mid-call: the default takes over, the agent is told, the call goes on.
  await page.evaluate((label) => (window as unknown as { softphoneHarness: Harness }).softphoneHarness.unplug(label), name);
  await expect(page.getByTestId('notices')).toContainText(`The microphone “${name}” was unplugged during the call; the system default microphone is used until it is back.`);
  await expect(page.getByTestId('call-devices')).toContainText('Microphone: system default');
  await expect(settings.getByTestId('device-microphone')).toContainText('is not plugged in; the system default is used');
  await expectRising(page, 'far', 'totalAudioEnergy');
  expect(errors).toEqual([]);
});
