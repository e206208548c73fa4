/**
 * Working an item (issue 10), against the real platform and desktop core in browser mode: an email shows
 * its body and takes a reply that reaches the platform; a task shows its status, starts, completes, and is
 * reassigned to a queue (through the shared target picker); callbacks scheduled for later are listed with
 * their times.
 */
import { expect, test } from '@playwright/test';
import type { Message } from '../../common/api';
import type { WorkItem } from '../../common/workitem';
import { collectPageErrors, openSignedIn, scheduleCallback, startStack, type Stack } from './fixtures';
import { AGENT, QUEUE } from './support/platform';

let stack: Stack | undefined;

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 720 } });

test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => {
  await stack?.stop();
});

test('an email shows its body as a letter and the agent replies from the composer', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  await page.getByLabel('Presence').selectOption('available');
  const body = 'Hello,\n\nMy replacement card has not arrived.\nCould you check?';
  const email = await stack!.admin.request<WorkItem>('POST', '/v1/workitems', {
    type: 'email', channelType: 'email', queueId: QUEUE.id, subject: 'Where is my card?', description: body,
    contact: { name: 'Priya Nair', email: 'priya@example.com' },
  });
  await page.locator(`[data-testid="offer-toast"][data-workitem-id="${email.workitemId}"]`).getByRole('button', { name: 'Accept' }).click();

  const active = page.locator(`[data-testid="active-item"][data-workitem-id="${email.workitemId}"]`);
  const letter = active.getByRole('article', { name: 'Email from Priya Nair' });
  await expect(letter).toContainText('Priya Nair <priya@example.com>');
  // The body keeps its lines, as the customer wrote them.
  expect(await letter.getByTestId('email-body').innerText()).toBe(body);

  await active.getByLabel('Reply').fill('Your card was sent on Monday; it should arrive this week.');
  await active.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(async () => (await stack!.admin.request<Message[]>('GET', `/v1/workitems/${email.workitemId}/messages`)).map((m) => `${m.from}: ${m.text}`))
    .toEqual(['agent: Your card was sent on Monday; it should arrive this week.']);
  await expect(active.getByTestId('chat-message')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a task shows its status, is started and completed, and another is reassigned to a queue', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  const createTask = (subject: string) =>
    stack!.admin.request<WorkItem>('POST', '/v1/workitems', { type: 'task', subject, assignee: { agentUsername: AGENT.username } });
  const first = await createTask('Send the warranty form');
  const second = await createTask('Check the refund reached the card');

  await page.locator(`[data-testid="work-entry"][data-workitem-id="${first.workitemId}"]`).click();
  const firstPanel = page.locator(`[data-testid="active-item"][data-workitem-id="${first.workitemId}"]`);
  await expect(firstPanel.getByTestId('task-status')).toHaveText('To Do');
  await firstPanel.getByRole('button', { name: 'Start' }).click();
  await expect(firstPanel.getByTestId('task-status')).toHaveText('In Progress');
  await firstPanel.getByRole('button', { name: 'Complete' }).click();
  await expect
    .poll(async () => (await stack!.admin.request<WorkItem>('GET', `/v1/workitems/${first.workitemId}`)).status)
    .toBe('resolved');

  await page.locator(`[data-testid="work-entry"][data-workitem-id="${second.workitemId}"]`).click();
  const secondPanel = page.locator(`[data-testid="active-item"][data-workitem-id="${second.workitemId}"]`);
  await secondPanel.getByRole('button', { name: 'Reassign…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reassign task' });
  // Nothing chosen yet: told what is missing, nothing sent.
  await dialog.getByRole('button', { name: 'Reassign' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose a queue.');
  // The shared target picker (as in Transfer): an agent by username, or a queue with who is available there.
  await dialog.getByRole('radio', { name: 'An agent' }).check();
  await dialog.getByRole('button', { name: 'Reassign' }).click();
  await expect(dialog.getByRole('alert')).toHaveText("Enter the agent's username.");
  await expect(dialog.getByRole('radio')).toHaveCount(2);
  await dialog.getByRole('radio', { name: 'A queue' }).check();
  await expect(dialog.getByLabel('Queue', { exact: true }).locator('option')).toHaveText(['Choose a queue…', /^Support \(\d+ available\)$/]);
  await dialog.getByLabel('Queue', { exact: true }).selectOption(QUEUE.id);
  await dialog.getByRole('button', { name: 'Reassign' }).click();
  await expect(dialog).toBeHidden();
  const moved = await stack!.admin.request<WorkItem>('GET', `/v1/workitems/${second.workitemId}`);
  expect([moved.state, moved.reasonCode]).toEqual(['closed', 'TRANSFERRED']);
  const inQueue = await stack!.admin.request<{ items: WorkItem[] }>('GET', `/v1/workitems?q=${encodeURIComponent(`direction:DIRECT_TRANSFER AND queueId:${QUEUE.id}`)}`);
  expect(inQueue.items.map((i) => i.subject)).toEqual(['Check the refund reached the card']);
  expect(errors).toEqual([]);
});

test('callbacks the agent schedules for later are listed in the Outbound section with their times, the year shown when not this year', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  const today = new Date();
  const nextYear = today.getFullYear() + 1;
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  const local = (d: Date, time: string) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${time}`;
  const schedule = (name: string, reason: string, at: string) => scheduleCallback(page, name, reason, at);
  // Scheduled out of order: the list puts the soonest first.
  await schedule('Omar Late', 'Annual renewal', `${nextYear}-01-04T10:00`);
  await schedule('Nina Soon', 'Check the repair', local(tomorrow, '09:00'));

  const scheduled = page.getByTestId('outbound-section').getByRole('list', { name: /Scheduled callbacks/ }).getByTestId('scheduled-callback');
  await expect(scheduled).toHaveCount(2);
  await expect(scheduled.nth(0)).toContainText('Nina Soon');
  await expect(scheduled.nth(0)).toContainText('Check the repair');
  await expect(scheduled.nth(0).locator('time')).toHaveText('Tomorrow 09:00');
  await expect(scheduled.nth(1)).toContainText('Omar Late');
  await expect(scheduled.nth(1).locator('time')).toHaveText(`4 Jan ${nextYear} 10:00`);
  await expect(scheduled.nth(1).locator('time')).toHaveAttribute('datetime', new Date(nextYear, 0, 4, 10, 0).toISOString());
  // Not due yet: nothing to dial.
  await expect(scheduled.getByRole('button')).toHaveCount(0);
  // The platform has them, scheduled, waiting in the queue.
  const onPlatform = await stack!.admin.request<{ items: WorkItem[] }>('GET', `/v1/workitems?q=${encodeURIComponent('type:callback')}`);
  expect(onPlatform.items.map((item) => [item.callback?.name, item.state]).sort()).toEqual([['Nina Soon', 'inqueue'], ['Omar Late', 'inqueue']]);
  expect(errors).toEqual([]);
});
