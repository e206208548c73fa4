/**
 * A live chat end to end on the real stack (seeds 000, 002): a messaging channel opens a chat, it is
 * offered and accepted, the customer's first message shows in the active panel, the agent replies with
 * Enter (the platform has the reply), the customer's next message appears live, a note lands in the
 * activity log, and End chat → wrap-up → disposition completes it. The customer's side is posted as the
 * platform's channel side does it: POST /v1/chats and POST /v1/workitems/{id}/messages {from: 'customer'}
 * (here by the supervisor, whom the platform lets speak for a channel).
 */
import { expect, test } from '@playwright/test';
import type { Message } from '../../common/api';
import type { WorkItem } from '../../common/workitem';
import { collectPageErrors, openSignedIn, seriousA11yViolations, startStack, type Stack } from './fixtures';
import { AGENT, QUEUE } from './support/platform';

let stack: Stack | undefined;

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.stop();
});

async function platformMessages(workitemId: string): Promise<Message[]> {
  return stack!.admin.request<Message[]>('GET', `/v1/workitems/${workitemId}/messages`);
}

test('a chat is offered, accepted, answered both ways live, noted, ended and dispositioned', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  await page.getByLabel('Presence').selectOption('available');
  await expect(page.getByLabel('Presence')).toHaveValue('available');

  // The channel opens the chat with the customer's first message; the platform offers it to the agent.
  const chat = await stack!.admin.request<WorkItem>('POST', '/v1/chats', {
    queueId: QUEUE.id,
    customer: { name: 'Cathy Moreno', email: 'cathy@example.com' },
    text: 'Hello, my order 8812 is late',
    channel: 'webchat',
  });
  const row = page.locator(`[data-testid="inbox-row"][data-workitem-id="${chat.workitemId}"]`);
  // Unread until the agent has the conversation in front of them.
  await expect(row.getByTestId('unread-badge')).toHaveText('1');
  await expect(row.getByTestId('unread-badge')).toHaveAttribute('aria-label', '1 unread message');
  const toast = page.locator(`[data-testid="offer-toast"][data-workitem-id="${chat.workitemId}"]`);
  await expect(toast).toContainText('Hello, my order 8812 is late');
  await page.screenshot({ path: 'test-results/chat-offer-unread.png' });
  await toast.getByRole('button', { name: 'Accept' }).click();
  await expect(toast).toBeHidden();

  // The active panel shows the conversation, and viewing it marks it read (on the platform too).
  const active = page.locator(`[data-testid="active-item"][data-workitem-id="${chat.workitemId}"]`);
  await expect(active).toHaveAttribute('data-state', 'active');
  const conversation = active.getByRole('log', { name: 'Conversation with Cathy Moreno' });
  const messages = conversation.getByTestId('chat-message');
  await expect(messages).toHaveCount(1);
  await expect(messages.first()).toHaveAttribute('data-from', 'customer');
  await expect(messages.first()).toContainText('Cathy Moreno');
  await expect(messages.first()).toContainText('Hello, my order 8812 is late');
  await expect(row.getByTestId('unread-badge')).toHaveCount(0);
  await expect.poll(async () => (await stack!.admin.request<WorkItem>('GET', `/v1/workitems/${chat.workitemId}`)).unread).toBe(0);

  // The reply box: labelled, Send disabled while empty; Shift+Enter adds a line, Enter sends.
  const reply = active.getByLabel('Reply');
  const send = active.getByRole('button', { name: 'Send' });
  await expect(send).toBeDisabled();
  await reply.fill('   ');
  await expect(send).toBeDisabled();
  await reply.fill('Hi Cathy, sorry about that.');
  await expect(send).toBeEnabled();
  await reply.press('Shift+Enter');
  await reply.pressSequentially('Let me check with the courier.');
  await expect(reply).toHaveValue('Hi Cathy, sorry about that.\nLet me check with the courier.');
  await reply.press('Enter');
  await expect(reply).toHaveValue('');
  await expect(send).toBeDisabled();
  await expect(messages).toHaveCount(2);
  await expect(messages.nth(1)).toHaveAttribute('data-from', 'agent');
  await expect(messages.nth(1)).toContainText(`${AGENT.username} (agent)`);
  await expect(messages.nth(1)).toContainText('Let me check with the courier.');
  // The platform has it, from the agent, with its line break.
  await expect.poll(async () => (await platformMessages(chat.workitemId)).map((m) => `${m.from}: ${m.text}`)).toEqual([
    'customer: Hello, my order 8812 is late',
    'agent: Hi Cathy, sorry about that.\nLet me check with the courier.',
  ]);
  // Its real id replaced the optimistic one: shown once, not "sending".
  await expect(messages.nth(1)).not.toContainText('sending');
  await expect(messages.nth(1)).toHaveAttribute('data-message-id', /^msg_/);

  // The customer answers: it appears live.
  await stack!.admin.request('POST', `/v1/workitems/${chat.workitemId}/messages`, { text: 'Thanks! It was due Monday.', from: 'customer' });
  await expect(messages).toHaveCount(3);
  await expect(messages.nth(2)).toHaveAttribute('data-from', 'customer');
  await expect(messages.nth(2)).toContainText('Thanks! It was due Monday.');

  // A note on the item shows in its activity log, with who wrote it — in the context pane beside the chat.
  const context = page.getByRole('region', { name: 'Context' });
  await expect(context.getByTestId('item-context')).toHaveAttribute('data-workitem-id', chat.workitemId);
  const noteBox = context.getByLabel('Add note');
  await expect(context.getByRole('button', { name: 'Add note' })).toBeDisabled();
  await noteBox.fill('Courier confirms delivery tomorrow');
  await context.getByRole('button', { name: 'Add note' }).click();
  await expect(noteBox).toHaveValue('');
  const note = context.getByTestId('activity-entry').filter({ hasText: 'Courier confirms delivery tomorrow' });
  await expect(note).toHaveCount(1);
  await expect(note).toContainText('Note');
  await expect(note).toContainText(AGENT.username);
  await expect(context.getByTestId('activity-entry').filter({ hasText: 'Accepted' })).toHaveCount(1);
  await expect
    .poll(async () => (await stack!.admin.request<WorkItem>('GET', `/v1/workitems/${chat.workitemId}`)).timeEvents.filter((e) => e.type === 'note').length)
    .toBe(1);

  await page.screenshot({ path: 'test-results/chat-conversation.png' });
  expect(await seriousA11yViolations(page)).toEqual([]);

  // End chat → wrap-up → disposition.
  await active.getByRole('button', { name: 'End chat' }).click();
  const wrapUp = page.locator(`[data-testid="wrap-up"][data-workitem-id="${chat.workitemId}"]`);
  await expect(wrapUp).toBeVisible();
  await wrapUp.getByLabel('Disposition').selectOption('resolved');
  await wrapUp.getByLabel('Notes').fill('Delivery rebooked.');
  await wrapUp.getByRole('button', { name: 'Submit' }).click();
  await expect(wrapUp).toBeHidden();
  await expect(row).toContainText('Completed');
  await expect
    .poll(async () => (await stack!.admin.request<WorkItem>('GET', `/v1/workitems/${chat.workitemId}`)).state)
    .toBe('dispositioned');
  const final = await stack!.admin.request<WorkItem>('GET', `/v1/workitems/${chat.workitemId}`);
  expect(final.disposition).toMatchObject({ code: 'resolved', notes: 'Delivery rebooked.', auto: false });
  expect(pageErrors).toEqual([]);
});

test('a reply and a note keep their draft per item when the agent switches items and back; sending clears it', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  await page.getByLabel('Presence').selectOption('available');
  const open = async (name: string, text: string) => {
    const chat = await stack!.admin.request<WorkItem>('POST', '/v1/chats', { queueId: QUEUE.id, customer: { name }, text, channel: 'webchat' });
    await page.locator(`[data-testid="offer-toast"][data-workitem-id="${chat.workitemId}"]`).getByRole('button', { name: 'Accept' }).click();
    await expect(page.getByTestId('active-item')).toHaveAttribute('data-workitem-id', chat.workitemId);
    return chat.workitemId;
  };
  const first = await open('Dana First', 'Where is my parcel?');
  const second = await open('Eli Second', 'I need an invoice');
  const active = page.getByTestId('active-item');
  const context = page.getByRole('region', { name: 'Context' });
  const select = async (workitemId: string) => {
    await page.locator(`[data-testid="work-entry"][data-workitem-id="${workitemId}"]`).click();
    await expect(active).toHaveAttribute('data-workitem-id', workitemId);
    await expect(context.getByTestId('item-context')).toHaveAttribute('data-workitem-id', workitemId);
  };

  await select(first);
  await active.getByLabel('Reply').fill('Your parcel left the depot');
  await context.getByLabel('Add note').fill('Customer called twice');
  await select(second);
  await expect(active.getByLabel('Reply')).toHaveValue('');
  await expect(context.getByLabel('Add note')).toHaveValue('');
  await active.getByLabel('Reply').fill('The invoice is on its way');
  await select(first);
  await expect(active.getByLabel('Reply')).toHaveValue('Your parcel left the depot');
  await expect(context.getByLabel('Add note')).toHaveValue('Customer called twice');

  // Sending clears the item's draft (and only that item's).
  await active.getByLabel('Reply').press('Enter');
  await expect(active.getByLabel('Reply')).toHaveValue('');
  await context.getByRole('button', { name: 'Add note' }).click();
  await expect(context.getByLabel('Add note')).toHaveValue('');
  await expect.poll(async () => (await platformMessages(first)).map((m) => m.text)).toEqual(['Where is my parcel?', 'Your parcel left the depot']);
  await select(second);
  await expect(active.getByLabel('Reply')).toHaveValue('The invoice is on its way');
  await select(first);
  await expect(active.getByLabel('Reply')).toHaveValue('');
  await expect(context.getByLabel('Add note')).toHaveValue('');
  expect(pageErrors).toEqual([]);
});
