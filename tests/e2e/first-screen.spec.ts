/**
 * The whole path, for real: the platform (server/), the desktop core in browser mode (main/), the built
 * renderer in Debian's Chromium. An item created on the platform is offered to the signed-in agent, who
 * accepts, hangs up and dispositions it in the UI; the platform then shows it `dispositioned`.
 */
import { expect, test } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { WorkItem } from '../../common/workitem';
import { collectPageErrors, seriousA11yViolations } from './fixtures';
import { startBrowserMode, type RunningDesktop } from './support/desktop';
import { ADMIN, AGENT, PlatformClient, QUEUE, QUEUE_DISPOSITION_LABELS, startPlatform, type RunningPlatform } from './support/platform';

let dir: string;
let platform: RunningPlatform | undefined;
let desktop: RunningDesktop | undefined;
let admin: PlatformClient;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-'));
  platform = await startPlatform(dir);
  desktop = await startBrowserMode(platform.url, path.join(dir, 'desktop-data'));
  admin = await PlatformClient.login(platform.url, ADMIN);
  await mkdir('test-results', { recursive: true });
});

test.afterAll(async () => {
  await desktop?.process.stop();
  await platform?.process.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('an item created on the platform is offered, accepted, hung up and dispositioned', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(desktop!.url);

  // Sign in: the platform address comes prefilled from the core.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Platform address')).toHaveValue(platform!.url);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your username')).toBeVisible();
  await page.getByLabel('Username').fill(AGENT.username);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/wrong username or password|invalid|credentials/i);
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.screenshot({ path: 'test-results/first-screen-sign-in.png' });
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByLabel('Password').fill(AGENT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // The main view, online, and the agent ready for work.
  await expect(page.getByRole('heading', { name: /^Inbox/ })).toBeVisible();
  await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-state', 'online');
  await expect(page.getByTestId('connection-banner')).toContainText('Online');
  await expect(page.getByText(AGENT.displayName)).toBeVisible();
  await page.getByLabel('Presence').selectOption('available');
  await expect(page.getByLabel('Presence')).toHaveValue('available');

  // An item arrives on the platform's queue and is offered to the agent.
  const dueAt = endOfToday();
  const created = await admin.request<WorkItem>('POST', '/v1/workitems', {
    type: 'chat',
    subject: 'Refund request for order 4471',
    description: 'Customer was charged twice for the same order.',
    queueId: QUEUE.id,
    priority: 2,
    dueAt,
    contact: { name: 'Dana Whitfield', email: 'dana@example.com' },
  });
  const toast = page.getByRole('alertdialog');
  await expect(toast).toContainText('Refund request for order 4471');
  // A live chat carries no task badge.
  await expect(toast.getByTestId('kind-badge')).toHaveCount(0);
  await expect(toast.getByTestId('countdown')).toContainText(/\d:\d\d/);
  // Focus moved to Accept, so the agent could answer with Enter.
  await expect(toast.getByRole('button', { name: 'Accept' })).toBeFocused();
  await page.screenshot({ path: 'test-results/first-screen-offer.png' });
  await toast.getByRole('button', { name: 'Accept' }).click();
  await expect(toast).toBeHidden();

  // Active: the inbox shows it live, with its badge, state, priority and due date.
  const active = page.getByTestId('active-item');
  await expect(active).toHaveAttribute('data-workitem-id', created.workitemId);
  await expect(active).toContainText('Active');
  const row = page.locator(`[data-testid="inbox-row"][data-workitem-id="${created.workitemId}"]`);
  await expect(row).toContainText('Refund request for order 4471');
  await expect(row.getByTestId('kind-badge')).toHaveCount(0);
  await expect(row).toContainText('Active');
  await expect(row).toContainText('High');
  await expect(row).toContainText('Today');
  await page.screenshot({ path: 'test-results/first-screen-main.png' });
  expect(await seriousA11yViolations(page)).toEqual([]);

  // End the chat (its hang-up) → wrap-up with its countdown and the queue's disposition codes, by their labels.
  await active.getByRole('button', { name: 'End chat' }).click();
  const wrapUp = page.getByTestId('wrap-up');
  await expect(wrapUp).toBeVisible();
  await expect(wrapUp.getByTestId('countdown')).toContainText(/\d:\d\d/);
  await expect(row).toContainText('Wrap-up');
  const disposition = wrapUp.getByLabel('Disposition');
  await expect(disposition).toBeFocused();
  await expect(disposition.locator('option')).toHaveText(['Choose a disposition', ...QUEUE_DISPOSITION_LABELS]);
  await disposition.selectOption({ label: 'Resolved' });
  await wrapUp.getByLabel('Notes').fill('Refunded the duplicate charge.');
  await page.screenshot({ path: 'test-results/first-screen-wrap-up.png' });
  await wrapUp.getByRole('button', { name: 'Submit' }).click();
  await expect(wrapUp).toBeHidden();
  await expect(row).toContainText('Completed');

  // The platform agrees.
  await expect
    .poll(async () => (await admin.request<WorkItem>('GET', `/v1/workitems/${created.workitemId}`)).state, { timeout: 15_000 })
    .toBe('dispositioned');
  const final = await admin.request<WorkItem>('GET', `/v1/workitems/${created.workitemId}`);
  expect(final.disposition).toMatchObject({ code: 'resolved', notes: 'Refunded the duplicate charge.', auto: false });
  expect(final.agentUsername).toBe(AGENT.username);

  await page.screenshot({ path: 'test-results/first-screen-done.png' });
  expect(pageErrors).toEqual([]);
});

// Runs after the test above (serial mode), in the same signed-in core, with its completed item in the cache.
test('a callback waits in the Outbound section whatever the filter, and is dialed from there', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(desktop!.url);
  // The core is still signed in, so the main view opens without the form.
  await expect(page.getByRole('heading', { name: /^Inbox/ })).toBeVisible();
  await expect(page.getByLabel('Presence')).toHaveValue('available');

  const callback = await admin.request<WorkItem>('POST', '/v1/callbacks', {
    phone: '+44 20 7183 8750',
    name: 'Priya Shah',
    reason: 'Wants an update on her refund',
    queueId: QUEUE.id,
  });
  const outbound = page.getByTestId('outbound-section');
  const entry = outbound.locator(`[data-workitem-id="${callback.workitemId}"]`);
  await expect(entry).toContainText('Call back Priya Shah');
  await expect(entry.getByTestId('kind-badge')).toHaveText('CALLBACK');
  await expect(entry).toContainText('+442071838750');
  await expect(entry.getByRole('button', { name: 'Skip Call back Priya Shah' })).toBeEnabled();
  // Callbacks are dialed, not accepted: no offer toast for them.
  await expect(page.getByRole('alertdialog')).toHaveCount(0);

  // A filter narrows the table, never the Outbound section.
  const filter = page.getByRole('searchbox', { name: 'Filter the inbox' });
  await filter.fill('state:dispositioned');
  await filter.press('Enter');
  const rows = page.getByTestId('inbox-row');
  await expect(rows.first()).toContainText('Completed');
  for (const state of await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-state')))) expect(state).toBe('dispositioned');
  await expect(entry).toBeVisible();
  await page.screenshot({ path: 'test-results/first-screen-outbound.png' });
  expect(await seriousA11yViolations(page)).toEqual([]);

  // A filter the query language cannot parse says so, in place.
  await filter.fill('state:(');
  await filter.press('Enter');
  await expect(page.getByRole('search').getByRole('alert')).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();

  // Dial → an active outbound call → hang up → disposition.
  await entry.getByRole('button', { name: 'Dial Call back Priya Shah' }).click();
  await expect(outbound).toBeHidden();
  const active = page.getByTestId('active-item');
  await expect(active).toHaveAttribute('data-workitem-id', callback.workitemId);
  await active.getByRole('button', { name: 'Hang up' }).click();
  const wrapUp = page.getByTestId('wrap-up');
  await wrapUp.getByLabel('Disposition').selectOption('follow_up');
  await wrapUp.getByRole('button', { name: 'Submit' }).click();
  await expect(wrapUp).toBeHidden();
  await expect
    .poll(async () => (await admin.request<WorkItem>('GET', `/v1/workitems/${callback.workitemId}`)).state)
    .toBe('dispositioned');
  expect(pageErrors).toEqual([]);
});

// A task is asynchronous work: it is started and completed, never hung up.
test('a task assigned to the agent is started and completed', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(desktop!.url);
  const task = await admin.request<WorkItem>('POST', '/v1/workitems', {
    type: 'task',
    subType: 'address_change',
    channel: 'Phone',
    subject: 'Confirm the new billing address',
    assignee: { agentUsername: AGENT.username },
  });
  const active = page.locator(`[data-testid="active-item"][data-workitem-id="${task.workitemId}"]`);
  await expect(active).toBeVisible();
  await expect(active.getByTestId('kind-badge')).toHaveText('TASK');
  await expect(active.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  await active.getByRole('button', { name: 'Start' }).click();
  await expect
    .poll(async () => (await admin.request<WorkItem>('GET', `/v1/workitems/${task.workitemId}`)).status)
    .toBe('in_progress');
  await expect(active.getByRole('button', { name: 'Start' })).toHaveCount(0);
  await active.getByRole('button', { name: 'Complete' }).click();
  await expect(active).toBeHidden();
  const done = await admin.request<WorkItem>('GET', `/v1/workitems/${task.workitemId}`);
  expect(done).toMatchObject({ state: 'dispositioned', status: 'resolved', reasonCode: 'COMPLETED' });
  expect(done.timeEvents.map((e) => e.type)).toEqual(expect.arrayContaining(['created']));
  expect(pageErrors).toEqual([]);
});

function endOfToday(): number {
  const date = new Date();
  date.setHours(23, 59, 0, 0);
  return date.getTime();
}
