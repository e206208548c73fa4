/**
 * What the end-to-end specs share: the whole stack for real (the platform, the desktop core in browser
 * mode serving build/renderer, an admin client of the platform's HTTP API), signing in, and the checks
 * every screen must pass (no page errors, no serious accessibility findings).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBrowserMode, type RunningDesktop } from './support/desktop';
import { ADMIN, AGENT, PlatformClient, startPlatform, type QueueTimers, type RunningPlatform } from './support/platform';

export type Stack = { platform: RunningPlatform; desktop: RunningDesktop; admin: PlatformClient; stop(): Promise<void> };

/**
 * The platform and a signed-out desktop core on free ports, in a temp dir removed by `stop`.
 * `queue` changes the test queue's timers (e.g. a short wrap-up). `desktopEnv(dir)` may write files into the temp dir and returns environment for browser mode.
 */
export async function startStack(
  options: { desktopEnv?: (dir: string) => Promise<Record<string, string>>; queue?: Partial<QueueTimers> } = {},
): Promise<Stack> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-'));
  let platform: RunningPlatform | undefined;
  let desktop: RunningDesktop | undefined;
  const stop = async () => {
    await desktop?.process.stop();
    await platform?.process.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    platform = await startPlatform(dir, options.queue);
    const env = options.desktopEnv ? await options.desktopEnv(dir) : {};
    desktop = await startBrowserMode(platform.url, path.join(dir, 'desktop-data'), env);
    const admin = await PlatformClient.login(platform.url, ADMIN);
    await mkdir('test-results', { recursive: true });
    return { platform, desktop, admin, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Opens the desktop and signs the agent in (or finds them still signed in), landing on the main view. */
export async function openSignedIn(page: Page, stack: Stack): Promise<void> {
  await page.goto(stack.desktop.url);
  const inbox = page.getByRole('heading', { name: /^Inbox/ });
  const signIn = page.getByRole('heading', { name: 'Sign in' });
  await expect(inbox.or(signIn)).toBeVisible();
  if (await signIn.isVisible()) {
    await page.getByLabel('Username').fill(AGENT.username);
    await page.getByLabel('Password').fill(AGENT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(inbox).toBeVisible();
  await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-state', 'online');
}

/** Fails the test on anything the page logs as an error (a CSP violation, a crash in React). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

/** axe-core's serious and critical findings (WCAG 2.1 A/AA), one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Schedules a callback from the Create task dialog (a fixed customer phone), and waits for the dialog to close. */
export async function scheduleCallback(page: Page, name: string, reason: string, at: string): Promise<void> {
  await page.getByRole('button', { name: 'Create task', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Create task' });
  await dialog.getByLabel('Type', { exact: true }).selectOption('callback');
  await dialog.getByLabel('Customer phone').fill('+14155550142');
  await dialog.getByLabel('Customer name').fill(name);
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByLabel('Call back at').fill(at);
  await dialog.getByRole('button', { name: 'Create Task', exact: true }).click();
  await expect(dialog).toBeHidden();
}
