/**
 * Every screen axe-clean (issue 10: no serious or critical WCAG 2.1 A/AA finding) in both light and dark,
 * walked on the real platform and desktop core in browser mode: sign-in, the inbox with offers of every
 * kind, a call's controls, wrap-up, a chat, an email, a task, the Reassign dialog, Create Task, Settings
 * and the shortcut help. The softphone's call controls and the Transfer dialog need a live call, so they are
 * walked in the softphone harness (real media engine and store, stand-in call manager), in both themes too.
 * The theme is the system's (the agent's choice "System"), emulated as light or dark for the whole run.
 */
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import type { WorkItem } from '../../common/workitem';
import { collectPageErrors, seriousA11yViolations, startStack, type Stack } from './fixtures';
import { bundleForPage, type PageBundle } from './support/bundle';
import { AGENT, QUEUE } from './support/platform';

// Axe on a dozen screens in a loaded 2-core machine: minutes, not seconds.
test.describe.configure({ mode: 'serial', timeout: 600_000 });
// The harness's live call needs a fake microphone and loopback WebRTC (as in softphone-controls.spec.ts);
// the flags change nothing for the other screens.
test.use({
  viewport: { width: 1280, height: 720 },
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

/** The screen's findings, named so a failure says which screen and theme. */
async function expectClean(page: Page, screen: string): Promise<void> {
  expect({ screen, violations: await seriousA11yViolations(page) }).toEqual({ screen, violations: [] });
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    let stack: Stack | undefined;
    test.use({ colorScheme: theme });
    test.beforeAll(async () => {
      stack = await startStack();
    });
    test.afterAll(async () => {
      await stack?.stop();
    });

    test(`every screen of the desktop is axe-clean in ${theme}`, async ({ page }) => {
      const errors = collectPageErrors(page);
      const { admin } = stack!;
      await page.goto(stack!.desktop.url);
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      // The theme really is the one under test (the system's; no choice made in the header).
      // (dark text on a light page, light text on a dark one)
      const text = await page.evaluate(() => getComputedStyle(document.body).color);
      const [r, g, b] = text.match(/\d+/g)!.map(Number);
      expect((r + g + b) / 3 < 128 ? 'light' : 'dark').toBe(theme);
      await expectClean(page, 'sign-in');

      await page.getByLabel('Username').fill(AGENT.username);
      await page.getByLabel('Password').fill(AGENT.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { name: /^Inbox/ })).toBeVisible();
      await page.getByLabel('Presence').selectOption('available');

      // Offers of each kind at once: their toasts over the inbox.
      const create = (body: Record<string, unknown>) => admin.request<WorkItem>('POST', '/v1/workitems', { queueId: QUEUE.id, ...body });
      const call = await create({ type: 'call', channelType: 'voice', subject: 'Billing question', contact: { phone: '+14155550123' } });
      const chat = await admin.request<WorkItem>('POST', '/v1/chats', { queueId: QUEUE.id, customer: { name: 'Cathy Moreno' }, text: 'Hello, my order is late', channel: 'webchat' });
      const email = await create({ type: 'email', channelType: 'email', subject: 'Where is my card?', description: 'Hello,\n\nMy card has not arrived.', contact: { name: 'Priya Nair', email: 'priya@example.com' } });
      const toast = (item: WorkItem) => page.locator(`[data-testid="offer-toast"][data-workitem-id="${item.workitemId}"]`);
      for (const item of [call, chat, email]) await expect(toast(item)).toBeVisible();
      await expectClean(page, 'inbox with offers');

      // A call: its controls, then wrap-up.
      await toast(call).getByRole('button', { name: 'Accept' }).click();
      const active = page.getByTestId('active-item');
      await expect(active).toHaveAttribute('data-workitem-id', call.workitemId);
      await expect(active.getByRole('button', { name: 'Hold' })).toBeVisible();
      await expectClean(page, 'call controls');
      await active.getByRole('button', { name: 'Hold' }).click();
      await expect(active.getByRole('button', { name: 'Resume' })).toBeVisible();
      await expectClean(page, 'call on hold');
      await active.getByRole('button', { name: 'Resume' }).click();
      await active.getByRole('button', { name: 'Hang up' }).click();
      const wrapUp = page.getByTestId('wrap-up');
      await expect(wrapUp).toBeVisible();
      await wrapUp.getByLabel('Notes').fill('Explained the invoice.');
      await expectClean(page, 'wrap-up');
      await wrapUp.getByRole('button', { name: 'Submit' }).click();
      await expect(wrapUp.locator('.field-error')).toHaveText('Choose a disposition');
      await expectClean(page, 'wrap-up with an error');
      await wrapUp.getByLabel('Disposition').selectOption({ label: 'Resolved' });
      await wrapUp.getByRole('button', { name: 'Submit' }).click();
      await expect(wrapUp).toBeHidden();

      // A chat with both sides of the conversation and a note.
      await toast(chat).getByRole('button', { name: 'Accept' }).click();
      await expect(active).toHaveAttribute('data-workitem-id', chat.workitemId);
      await active.getByLabel('Reply').fill('Hi Cathy, let me check.');
      await active.getByLabel('Reply').press('Enter');
      await expect(active.getByTestId('chat-message')).toHaveCount(2);
      await page.getByRole('region', { name: 'Context' }).getByLabel('Add note').fill('Courier contacted');
      await expectClean(page, 'chat');

      // An email.
      await toast(email).getByRole('button', { name: 'Accept' }).click();
      await expect(active).toHaveAttribute('data-workitem-id', email.workitemId);
      await expect(active.getByTestId('email-body')).toBeVisible();
      await expectClean(page, 'email');

      // A task, and its Reassign dialog.
      const task = await admin.request<WorkItem>('POST', '/v1/workitems', { type: 'task', subject: 'Send the warranty form', assignee: { agentUsername: AGENT.username } });
      await page.locator(`[data-testid="work-entry"][data-workitem-id="${task.workitemId}"]`).click();
      await expect(active).toHaveAttribute('data-workitem-id', task.workitemId);
      await expect(active.getByTestId('task-status')).toHaveText('To Do');
      await expectClean(page, 'task');
      await active.getByRole('button', { name: 'Reassign…' }).click();
      const reassign = page.getByRole('dialog', { name: 'Reassign task' });
      await reassign.getByRole('button', { name: 'Reassign' }).click();
      await expect(reassign.getByRole('alert')).toBeVisible();
      await expectClean(page, 'Reassign dialog');
      await reassign.getByRole('button', { name: 'Cancel' }).click();
      await expect(reassign).toBeHidden();

      // Create Task, for a task and for a callback (with an error showing).
      await page.getByRole('button', { name: 'Create task', exact: true }).click();
      const createTask = page.getByRole('dialog', { name: 'Create task' });
      await expect(createTask).toBeVisible();
      await expectClean(page, 'Create Task');
      await createTask.getByLabel('Type', { exact: true }).selectOption('callback');
      await createTask.getByLabel('Customer phone').fill('555-01');
      await createTask.getByRole('button', { name: 'Create Task', exact: true }).click();
      await expect(createTask.getByLabel('Customer phone')).toHaveAttribute('aria-invalid', 'true');
      await expectClean(page, 'Create Task (callback, with an error)');
      await page.keyboard.press('Escape');
      await expect(createTask).toBeHidden();

      // Settings, and the shortcut help.
      await page.getByRole('button', { name: 'Settings' }).click();
      const settings = page.getByRole('dialog', { name: 'Settings' });
      await expect(settings).toBeVisible();
      await expectClean(page, 'Settings');
      await page.keyboard.press('Escape');
      await expect(settings).toBeHidden();
      await page.getByRole('heading', { name: /^Inbox/ }).click();
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(help).toBeVisible();
      await expectClean(page, 'shortcut help');
      await page.keyboard.press('Escape');
      await expect(help).toBeHidden();
      expect(errors).toEqual([]);
    });
  });
}

// ---- the softphone's call controls and the Transfer dialog (a live call in the harness) ----------------------

type Harness = { connect(): Promise<void> };
let bundle: PageBundle | undefined;

test.describe('call controls and Transfer with a live call', () => {
  test.beforeAll(async () => {
    bundle = await bundleForPage(path.resolve('tests/e2e/support/softphone-ui-harness.tsx'), [path.resolve('renderer/src/styles.css')]);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the softphone's call controls and the Transfer dialog are axe-clean in ${theme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.route('http://localhost:47998/**', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><head><title>Softphone</title></head><body></body></html>' }),
      );
      await page.goto('http://localhost:47998/');
      await page.addStyleTag({ content: bundle!.css });
      await page.addScriptTag({ content: bundle!.script });
      await page.waitForFunction(() => 'softphoneHarness' in window);
      await page.evaluate(() => (window as unknown as { softphoneHarness: Harness }).softphoneHarness.connect());
      const panel = page.getByTestId('call-controls');
      await expect(panel).toBeVisible();
      await expectClean(page, `call controls (${theme})`);
      await page.keyboard.press('Alt+Shift+T');
      const transfer = page.getByRole('dialog', { name: 'Transfer call' });
      await expect(transfer).toBeVisible();
      await transfer.getByRole('radio', { name: 'An agent' }).check();
      await transfer.getByRole('button', { name: 'Transfer' }).click();
      await expect(transfer.getByRole('alert')).toBeVisible();
      await expectClean(page, `Transfer dialog (${theme})`);
      await transfer.getByRole('button', { name: 'Cancel' }).click();
    });
  }
});
