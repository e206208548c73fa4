/**
 * README's pictures: one walk through the main screens against the real platform and desktop core in
 * browser mode, at the smallest supported window (1280×720), each screen written to docs/screenshots/.
 * Each picture is taken only once the screen shows what it is meant to show, so a broken screen fails
 * here instead of landing in the README.
 */
import { expect, test, type Page } from '@playwright/test';
import type { WorkItem } from '../../common/workitem';
import { collectPageErrors, openSignedIn, scheduleCallback, startStack, type Stack } from './fixtures';
import { AGENT, QUEUE } from './support/platform';

const SHOTS = 'docs/screenshots';
let stack: Stack | undefined;

test.describe.configure({ mode: 'serial', timeout: 300_000 });
test.use({ viewport: { width: 1280, height: 720 }, colorScheme: 'light' });

test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => {
  await stack?.stop();
});

async function shoot(page: Page, name: string): Promise<void> {
  // No caret blinking or animation mid-frame: the same screen gives the same picture.
  await page.screenshot({ path: `${SHOTS}/${name}.png`, animations: 'disabled', caret: 'hide' });
}

async function offerFor(page: Page, item: WorkItem) {
  const toast = page.locator(`[data-testid="offer-toast"][data-workitem-id="${item.workitemId}"]`);
  await expect(toast).toBeVisible();
  return toast;
}

test('the main screens, written to docs/screenshots/', async ({ page }) => {
  const errors = collectPageErrors(page);
  const admin = stack!.admin;

  await page.goto(stack!.desktop.url);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await shoot(page, 'sign-in');

  await openSignedIn(page, stack!);
  await admin.request('POST', '/v1/workitems', {
    type: 'task', subType: 'address_change', channel: 'Phone', priority: 2, subject: 'Confirm the new billing address for order 88412',
    dueAt: Date.now() + 24 * 3600 * 1000, assignee: { agentUsername: AGENT.username }, contact: { name: 'Maria Gomez', phone: '+14155550147' },
  });
  await admin.request('POST', '/v1/workitems', {
    type: 'approval', channel: 'Email', priority: 1, subject: 'Approve a $40 goodwill credit', dueAt: Date.now() - 24 * 3600 * 1000,
    assignee: { agentUsername: AGENT.username }, contact: { name: 'Sam Lee', email: 'sam.lee@example.com' },
  });
  await page.getByLabel('Presence').selectOption('available');
  const chat = await admin.request<WorkItem>('POST', '/v1/chats', {
    queueId: QUEUE.id, customer: { name: 'Cathy Moreno', email: 'cathy@example.com' }, text: 'Hello, my order 8812 is late', channel: 'webchat',
  });
  const email = await admin.request<WorkItem>('POST', '/v1/workitems', {
    type: 'email', channelType: 'email', queueId: QUEUE.id, subject: 'Where is my replacement card?',
    description: 'Hello, I reported my card stolen two weeks ago and the replacement has not arrived.', contact: { name: 'Priya Nair', email: 'priya@example.com' },
  });
  const chatToast = await offerFor(page, chat);
  await offerFor(page, email);
  await shoot(page, 'inbox-offers');

  await chatToast.getByRole('button', { name: 'Accept' }).click();
  await (await offerFor(page, email)).getByRole('button', { name: 'Accept' }).click();

  const call = await admin.request<WorkItem>('POST', '/v1/workitems', {
    type: 'call', channelType: 'voice', subject: 'Billing question', queueId: QUEUE.id, contact: { name: 'Dana Whitfield', phone: '+14155550123' },
  });
  await (await offerFor(page, call)).getByRole('button', { name: 'Accept' }).click();
  const active = page.getByTestId('active-item');
  await expect(active).toHaveAttribute('data-workitem-id', call.workitemId);
  await expect(active.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await shoot(page, 'call-controls');

  await active.getByRole('button', { name: 'Hang up' }).click();
  const wrapUp = page.getByTestId('wrap-up');
  await expect(wrapUp.getByLabel('Disposition')).toBeVisible();
  await wrapUp.getByLabel('Notes').fill('Explained the duplicate charge; refund on its way.');
  // The queue's codes by their labels.
  await wrapUp.getByLabel('Disposition').selectOption({ label: 'Resolved' });
  await shoot(page, 'wrap-up');
  await wrapUp.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByTestId('after-call-work')).toBeHidden();

  await page.locator(`[data-testid="work-entry"][data-workitem-id="${chat.workitemId}"]`).click();
  const chatPanel = page.locator(`[data-testid="active-item"][data-workitem-id="${chat.workitemId}"]`);
  await chatPanel.getByLabel('Reply').fill('Sorry about that! Let me check with the courier.');
  await chatPanel.getByRole('button', { name: 'Send' }).click();
  await admin.request('POST', `/v1/workitems/${chat.workitemId}/messages`, { text: 'Thanks! It was due Monday.', from: 'customer' });
  await expect(chatPanel.getByTestId('chat-message')).toHaveCount(3);
  await shoot(page, 'chat');

  await page.getByRole('button', { name: 'Create task', exact: true }).click();
  const createTask = page.getByRole('dialog', { name: 'Create task' });
  await expect(createTask).toBeVisible();
  await shoot(page, 'create-task');
  await createTask.getByRole('button', { name: 'Cancel' }).click();

  // Callbacks the agent schedules: listed in the Outbound section with their times (the year when not this year).
  const nextYear = new Date().getFullYear() + 1;
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
  for (const [name, reason, at] of [
    ['Kenji Watanabe', 'Confirm the repair is done', `${day}T09:30`],
    ['Amara Okafor', 'Annual policy renewal', `${nextYear}-01-04T10:00`],
  ]) {
    await scheduleCallback(page, name, reason, at);
  }
  await expect(page.getByTestId('scheduled-callback')).toHaveCount(2);
  await expect(page.getByTestId('scheduled-callback').nth(1)).toContainText(String(nextYear));
  await shoot(page, 'callbacks');

  await page.getByRole('button', { name: /^Settings/ }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await shoot(page, 'settings');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shoot(page, 'dark-theme');

  expect(errors).toEqual([]);
});
