/**
 * The agent's screen as a desktop (issue 10), against the real platform and desktop core in browser mode,
 * at the smallest supported window (1280×720): a header that never scrolls away, the selected
 * interaction in the centre (a call takes it), hostile text kept in its box, plain RONA with one way
 * back, distinct notices that never cover a dialog and leave by themselves, sign-out taking the agent
 * offline on the platform, and no serious accessibility finding in light or dark.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { QueueFigures } from '../../common/api';
import type { WorkItem } from '../../common/workitem';
import { collectPageErrors, openSignedIn, seriousA11yViolations, startStack, type Stack } from './fixtures';
import { AGENT, QUEUE } from './support/platform';

let stack: Stack | undefined;

// Axe runs twice per screen (light, dark); on a loaded 2-core machine that alone can take a minute.
test.describe.configure({ mode: 'serial', timeout: 300_000 });
test.use({ viewport: { width: 1280, height: 720 } });

test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => {
  await stack?.stop();
});

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not rendered');
  return found;
}
function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
async function expectAxeClean(page: Page, theme: 'light' | 'dark') {
  await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  expect(await seriousA11yViolations(page)).toEqual([]);
}

test('three regions under a header that never scrolls; long and hostile text stays in its box', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  await page.getByLabel('Presence').selectOption('available');

  // A right-to-left override and a word far longer than any column.
  const hostile = `\u202Eevil ${'W'.repeat(300)}`;
  const chat = await stack!.admin.request<WorkItem>('POST', '/v1/workitems', {
    type: 'chat', subject: hostile, queueId: QUEUE.id, contact: { name: 'Ann Long', email: 'ann@example.com', phone: '+14155550100' },
  });
  await page.getByRole('alertdialog').getByRole('button', { name: 'Accept' }).click();
  const active = page.getByTestId('active-item');
  await expect(active).toHaveAttribute('data-workitem-id', chat.workitemId);
  // Past items of the same customer, and enough work to make the work list scroll.
  for (let i = 0; i < 5; i += 1) {
    await stack!.admin.request('POST', '/v1/workitems', {
      type: 'task', subject: `Follow-up ${i}`, assignee: { agentUsername: AGENT.username }, contact: { name: 'Ann Long', email: 'ann@example.com' },
    });
  }
  await expect(page.getByTestId('work-entry')).toHaveCount(6);

  const left = page.getByRole('region', { name: 'Work list' });
  const centre = page.getByRole('region', { name: 'Selected interaction' });
  const right = page.getByRole('region', { name: 'Context' });
  const [l, c, r] = [await box(left), await box(centre), await box(right)];
  expect(l.x + l.width).toBeLessThanOrEqual(c.x);
  expect(c.x + c.width).toBeLessThanOrEqual(r.x);
  expect(r.x + r.width).toBeLessThanOrEqual(1280);

  // The hostile subject is truncated inside its entry and isolated: it cannot reorder the badge after it.
  const entry = page.locator(`[data-testid="work-entry"][data-workitem-id="${chat.workitemId}"]`);
  const entryBox = await box(entry);
  expect(entryBox.x + entryBox.width).toBeLessThanOrEqual(l.x + l.width);
  await expect(entry.locator('bdi')).toHaveAttribute('title', hostile);
  const centreTitle = await box(active.getByRole('heading', { level: 2 }));
  expect(centreTitle.x + centreTitle.width).toBeLessThanOrEqual(c.x + c.width);

  // Scrolling the work list moves the list, never the header or the page (a short window makes it scroll).
  await page.setViewportSize({ width: 1280, height: 480 });
  const header = page.getByRole('banner');
  await left.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  expect(await left.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect((await box(header)).y).toBe(0);
  await expect(header.getByRole('button', { name: 'Dial', exact: true })).toBeInViewport();
  await page.screenshot({ path: 'test-results/agent-desktop-scrolled.png' });
  await page.setViewportSize({ width: 1280, height: 720 });

  // The inbox sorts by column: ascending, then descending.
  const subjectHeader = page.getByRole('columnheader', { name: 'Subject' });
  await subjectHeader.getByRole('button').click();
  await expect(subjectHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('inbox-row').first()).toContainText('Follow-up 0');
  await subjectHeader.getByRole('button').click();
  await expect(subjectHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('inbox-row').first()).toHaveAttribute('data-workitem-id', chat.workitemId);

  // The context pane shows the customer and their past items; notes are there too.
  await expect(right.getByTestId('item-context')).toHaveAttribute('data-workitem-id', chat.workitemId);
  await expect(right).toContainText('Ann Long');
  await expect(right.getByTestId('customer-history').getByRole('listitem')).toHaveCount(5);
  await expect(right.getByLabel('Add note')).toBeVisible();

  // A pane resized by keyboard keeps its width after a reload.
  const splitter = page.getByRole('separator', { name: 'Resize the work list' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await splitter.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 32));
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Resize the work list' })).toHaveAttribute('aria-valuenow', String(before + 32));

  await expectAxeClean(page, 'light');
  await expectAxeClean(page, 'dark');
  await page.screenshot({ path: 'test-results/agent-desktop-dark.png' });
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  expect(errors).toEqual([]);
});

test('a call takes the centre when it connects; the header shows it; Alt+Up/Down switches back', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  const chatEntry = page.getByTestId('work-entry').first();
  await chatEntry.click();
  const chatId = await chatEntry.getAttribute('data-workitem-id');
  await expect(page.getByTestId('active-item')).toHaveAttribute('data-workitem-id', chatId!);

  const call = await stack!.admin.request<WorkItem>('POST', '/v1/workitems', {
    type: 'call', channelType: 'voice', subject: 'Billing question', queueId: QUEUE.id, contact: { phone: '+14155550123' },
  });
  const toast = page.locator(`[data-testid="offer-toast"][data-workitem-id="${call.workitemId}"]`);
  await expect(toast).toContainText('Incoming call');
  await expect(toast.getByTestId('offer-caller')).toContainText('+14155550123');
  await expect(toast.getByTestId('offer-queue')).toHaveText(QUEUE.name);
  await toast.getByRole('button', { name: 'Accept' }).click();

  await expect(page.getByTestId('active-item')).toHaveAttribute('data-workitem-id', call.workitemId);
  await expect(page.getByTestId('call-summary')).toContainText('+14155550123');
  await page.locator('body').click({ position: { x: 640, y: 700 } });
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('active-item')).not.toHaveAttribute('data-workitem-id', call.workitemId);
  await page.getByTestId('call-summary').click();
  await expect(page.getByTestId('active-item')).toHaveAttribute('data-workitem-id', call.workitemId);
  await page.screenshot({ path: 'test-results/agent-desktop-call.png' });
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.getByTestId('active-item').getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByTestId('after-call-work')).toBeVisible();
  const wrapUp = page.getByTestId('wrap-up');
  await wrapUp.getByLabel('Disposition').selectOption('resolved');
  await wrapUp.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByTestId('after-call-work')).toBeHidden();
  expect(errors).toEqual([]);
});

test('a declined offer: its own notice beside (never over) an open dialog, RONA said plainly, one click back', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  await page.getByLabel('Presence').selectOption('available');
  const task = await stack!.admin.request<WorkItem>('POST', '/v1/workitems', { type: 'email', subject: 'Where is my parcel?', queueId: QUEUE.id });
  const toast = page.locator(`[data-testid="offer-toast"][data-workitem-id="${task.workitemId}"]`);
  await expect(toast).toContainText('New email');

  await page.getByRole('button', { name: 'Create task', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Create task' });
  await expect(dialog).toBeVisible();
  await toast.getByRole('button', { name: 'Decline' }).click();

  const notice = page.getByTestId('notice').filter({ hasText: 'You declined “Where is my parcel?”' });
  await expect(notice).toBeVisible();
  expect(overlaps(await box(notice), await box(dialog))).toBe(false);
  await page.screenshot({ path: 'test-results/agent-desktop-notice-and-dialog.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const rona = page.getByTestId('rona-banner');
  await expect(rona).toContainText('You missed an offer — you are Not Ready (RONA)');
  await expect(page.getByLabel('Presence')).toHaveValue('not_ready:RONA');
  await rona.getByRole('button', { name: 'Become available' }).click();
  await expect(rona).toBeHidden();
  await expect(page.getByLabel('Presence')).toHaveValue('available');
  // The email is offered again; the notice leaves by itself.
  await expect(notice).toBeHidden({ timeout: 20_000 });
  await toast.getByRole('button', { name: 'Accept' }).click();
  expect(errors).toEqual([]);
});

test('signing out takes the agent offline on the platform', async ({ page }) => {
  await openSignedIn(page, stack!);
  await page.getByLabel('Presence').selectOption('available');
  const available = async () => (await stack!.admin.request<QueueFigures[]>('GET', '/v1/queues')).find((q) => q.queueId === QUEUE.id)?.agentsAvailable;
  await expect.poll(available).toBe(1);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect.poll(available).toBe(0);
});
