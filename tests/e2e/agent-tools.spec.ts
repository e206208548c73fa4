/**
 * The agent's own tools, end to end on the real stack: the Create Task modal (a task and a callback, with
 * the callback phone rule), the dialer (a refused number, then an outbound call that is active at once),
 * and the live queue figures. Every creation is checked on the platform's HTTP API, not just on screen.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { QueueFigures, WorkItemPage } from '../../common/api';
import type { WorkItem } from '../../common/workitem';
import { collectPageErrors, openSignedIn, seriousA11yViolations, startStack, type Stack } from './fixtures';
import { AGENT, QUEUE } from './support/platform';

let stack: Stack | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.stop();
});

/** Items on the platform matching a query (seen as the admin, who sees everything). */
async function platformItems(q: string): Promise<WorkItem[]> {
  const page = await stack!.admin.request<WorkItemPage>('GET', `/v1/workitems?q=${encodeURIComponent(q)}&rows=50`);
  return page.items;
}

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input takes it. */
function pickerValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function plusButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Create task', exact: true });
}

async function openCreateTask(page: Page): Promise<Locator> {
  await plusButton(page).click();
  const dialog = page.getByRole('dialog', { name: 'Create task' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The element that describes a control (its error or warning), by aria-describedby. */
async function description(page: Page, control: Locator): Promise<string> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' | ');
}

test('the Create Task modal creates a task with the chosen priority, channel and sub-type', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await openSignedIn(page, stack!);

  // A modal dialog: labelled, modal, focus on the first field; Escape closes it and focus goes back to +.
  let dialog = await openCreateTask(page);
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByLabel('Type', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(plusButton(page)).toBeFocused();

  dialog = await openCreateTask(page);
  // Tab stays inside: from the last control it wraps to the first, and Shift+Tab goes back.
  const submit = dialog.getByRole('button', { name: 'Create Task', exact: true });
  await submit.focus();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(submit).toBeFocused();

  // The defaults of seed 000: an internal task of Normal priority.
  await expect(dialog.getByLabel('Channel')).toHaveValue('Internal');
  await expect(dialog.getByLabel('Priority')).toHaveValue('5');
  await expect(dialog.getByLabel('Priority').locator('option')).toHaveText(['1 · Critical', '2 · High', '3 · Medium', '5 · Normal (default)', '8 · Low']);

  await dialog.getByLabel('Type', { exact: true }).selectOption('task');
  await dialog.getByLabel('Sub-type').fill('transcript_request');
  await dialog.getByLabel('Channel').selectOption('Walk-in');
  await dialog.getByLabel('Priority').selectOption('2');
  await dialog.getByLabel('Description').fill('Send the transcript of call 8812\nThe customer came in and asked for it.');

  // A due date in the past is allowed but questioned, next to the field.
  const due = dialog.getByLabel('Due date');
  await due.fill(pickerValue(new Date(Date.now() - 2 * 86_400_000)));
  expect(await description(page, due)).toMatch(/in the past/);
  await expect(due).not.toHaveAttribute('aria-invalid', 'true');
  const dueAt = new Date();
  dueAt.setDate(dueAt.getDate() + 2);
  dueAt.setHours(10, 30, 0, 0);
  await due.fill(pickerValue(dueAt));
  await expect(dialog.getByText(/in the past/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/agent-tools-create-task.png' });
  expect(await seriousA11yViolations(page)).toEqual([]);

  await submit.click();
  await expect(dialog).toBeHidden();
  await expect(plusButton(page)).toBeFocused();

  // The platform has it, as chosen; the inbox lists it under the description's first line.
  await expect.poll(async () => (await platformItems('subject:"Send the transcript of call 8812"')).length).toBe(1);
  const [task] = await platformItems('subject:"Send the transcript of call 8812"');
  expect(task).toMatchObject({
    type: 'task',
    subType: 'transcript_request',
    channel: 'Walk-in',
    priority: 2,
    dueAt: dueAt.getTime(),
    description: 'Send the transcript of call 8812\nThe customer came in and asked for it.',
    agentUsername: AGENT.username,
  });
  const row = page.locator(`[data-testid="inbox-row"][data-workitem-id="${task.workitemId}"]`);
  await expect(row).toContainText('Send the transcript of call 8812');
  await expect(row.getByTestId('kind-badge')).toHaveText('TASK');
  await expect(row).toContainText('High');

  // Opened again, the form starts afresh.
  dialog = await openCreateTask(page);
  await expect(dialog.getByLabel('Description')).toHaveValue('');
  await expect(dialog.getByLabel('Priority')).toHaveValue('5');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(pageErrors).toEqual([]);
});

test('a callback needs a valid customer phone; a valid one is created with its E.164 number', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  const dialog = await openCreateTask(page);
  await dialog.getByLabel('Type', { exact: true }).selectOption('callback');
  // The callback fields replace the description.
  await expect(dialog.getByLabel('Description')).toHaveCount(0);
  const phone = dialog.getByLabel('Customer phone');
  await expect(phone).toBeVisible();

  await dialog.getByLabel('Customer name').fill('Ann Lee');
  await dialog.getByLabel('Reason').fill('Wants to change her delivery address');
  await dialog.getByLabel('Priority').selectOption('3');
  await phone.fill('555-01');
  await dialog.getByRole('button', { name: 'Create Task', exact: true }).click();

  // Refused before anything is sent: the error sits on the phone field, which gets the cursor.
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  expect(await description(page, phone)).toMatch(/not a valid phone number/);
  await expect(phone).toBeFocused();
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/agent-tools-callback-error.png' });
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(await platformItems('type:callback')).toEqual([]);

  await phone.fill('(415) 555-0123');
  await dialog.getByRole('button', { name: 'Create Task', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect.poll(async () => (await platformItems('type:callback')).length).toBe(1);
  const [callback] = await platformItems('type:callback');
  expect(callback).toMatchObject({
    type: 'callback',
    priority: 3,
    channel: 'Internal',
    queueId: QUEUE.id,
    contact: { name: 'Ann Lee', phone: '+14155550123' },
    callback: { phone: '+14155550123', name: 'Ann Lee', reason: 'Wants to change her delivery address' },
  });
  expect(pageErrors).toEqual([]);
});

test('the dialer refuses a bad number and places a good one as an active outbound call', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await openSignedIn(page, stack!);

  const dialButton = page.getByRole('button', { name: 'Dial', exact: true });
  await expect(dialButton).toHaveAttribute('aria-expanded', 'false');
  await dialButton.click();
  const dialer = page.getByTestId('dialer');
  const number = dialer.getByLabel('Number to call');
  await expect(number).toBeFocused();
  await expect(number).toHaveValue('');
  await expect(dialButton).toHaveAttribute('aria-expanded', 'true');

  // Escape closes it, back to the Dial button.
  await page.keyboard.press('Escape');
  await expect(dialer).toBeHidden();
  await expect(dialButton).toBeFocused();
  await dialButton.click();

  await number.fill('12');
  await dialer.getByRole('button', { name: 'Call' }).click();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(dialer.getByRole('alert')).toContainText('not a valid phone number');
  await page.screenshot({ path: 'test-results/agent-tools-dialer-error.png' });
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(await platformItems('type:call')).toEqual([]);

  await number.fill('+1 (415) 555-0199');
  await dialer.getByRole('button', { name: 'Call' }).click();
  await expect(dialer).toBeHidden();

  // PULL mode: active for the agent at once, with its call controls.
  await expect.poll(async () => (await platformItems('type:call')).length).toBe(1);
  const [call] = await platformItems('type:call');
  expect(call).toMatchObject({
    type: 'call',
    channelType: 'voice',
    direction: 'OUTBOUND',
    mode: 'AGENT',
    state: 'active',
    agentUsername: AGENT.username,
    subject: 'Call +14155550199',
    contact: { phone: '+14155550199' },
  });
  const active = page.locator(`[data-testid="active-item"][data-workitem-id="${call.workitemId}"]`);
  await expect(active).toContainText('Call +14155550199');
  await expect(active.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await page.screenshot({ path: 'test-results/agent-tools-dialer-call.png' });

  await active.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.locator(`[data-testid="wrap-up"][data-workitem-id="${call.workitemId}"]`)).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('the Queues panel shows the agent’s queue figures, live', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  // Not ready, so a new item waits in the queue instead of being offered.
  await page.getByLabel('Presence').selectOption('not_ready');
  await expect(page.getByLabel('Presence')).toHaveValue('not_ready');

  const panel = page.getByTestId('queues-panel');
  await expect(panel.getByRole('heading', { name: 'Queues' })).toBeVisible();
  const row = panel.locator(`[data-testid="queue-row"][data-queue-id="${QUEUE.id}"]`);
  await expect(row.getByRole('heading', { level: 3 })).toHaveText(QUEUE.name);
  // The select shows the optimistic value at once; wait until the platform has it too, or the new item
  // could still be offered to this agent.
  await expect
    .poll(async () => (await stack!.admin.request<QueueFigures[]>('GET', '/v1/queues')).find((q) => q.queueId === QUEUE.id)?.agentsAvailable)
    .toBe(0);

  await stack!.admin.request<WorkItem>('POST', '/v1/workitems', {
    type: 'chat',
    subject: 'Where is my parcel?',
    queueId: QUEUE.id,
    contact: { name: 'Lee Park', email: 'lee@example.com' },
  });
  // The figures follow the platform's without a reload.
  let figures: QueueFigures | undefined;
  await expect
    .poll(async () => {
      figures = (await stack!.admin.request<QueueFigures[]>('GET', '/v1/queues')).find((q) => q.queueId === QUEUE.id);
      return figures?.waiting ?? 0;
    })
    .toBeGreaterThan(0);
  await expect(row.locator('[data-figure="waiting"]')).toHaveText(String(figures!.waiting));
  await expect(row.locator('[data-figure="agentsAvailable"]')).toHaveText('0');
  await expect(row.locator('[data-figure="active"]')).toHaveText(/^\d+$/);
  await expect(row.locator('[data-figure="longestWait"]')).toContainText(/\d+(s|m)/);
  await expect(row).toHaveClass(/backed-up/);
  await expect(row).toContainText('No agent free');
  await page.screenshot({ path: 'test-results/agent-tools-queues.png', fullPage: true });
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
