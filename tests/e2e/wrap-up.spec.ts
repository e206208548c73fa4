/**
 * Wrap-up (issue 10) against the real platform: when the agent lets its countdown run out, a notice that tells them the platform closed the item with the queue's automatic code.
 * The queue's wrap-up lasts 3 s here; the test waits for the outcome, never for a time.
 */
import { expect, test } from '@playwright/test';
import type { WorkItem } from '../../common/workitem';
import { collectPageErrors, openSignedIn, startStack, type Stack } from './fixtures';
import { QUEUE } from './support/platform';

let stack: Stack | undefined;

test.use({ viewport: { width: 1280, height: 720 } });

test.beforeAll(async () => {
  stack = await startStack({ queue: { wrapUpTimeoutSeconds: 3 } });
});
test.afterAll(async () => {
  await stack?.stop();
});

test('an auto-disposition when wrap-up runs out is told to the agent by name', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  await page.getByLabel('Presence').selectOption('available');
  const call = await stack!.admin.request<WorkItem>('POST', '/v1/workitems', {
    type: 'call', channelType: 'voice', subject: 'Billing question', queueId: QUEUE.id, contact: { phone: '+14155550123' },
  });
  await page.locator(`[data-testid="offer-toast"][data-workitem-id="${call.workitemId}"]`).getByRole('button', { name: 'Accept' }).click();
  await page.getByTestId('active-item').getByRole('button', { name: 'Hang up' }).click();


  const notice = page.getByTestId('notice').filter({ hasText: 'Wrap-up time ran out for “Billing question”: it was closed as wrap_up_timeout.' });
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('role', 'status');
  const closed = await stack!.admin.request<WorkItem>('GET', `/v1/workitems/${call.workitemId}`);
  expect([closed.state, closed.disposition?.code, closed.disposition?.auto]).toEqual(['dispositioned', 'wrap_up_timeout', true]);
  expect(errors).toEqual([]);
});
