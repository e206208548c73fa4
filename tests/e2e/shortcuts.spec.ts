/**
 * Keyboard shortcuts, end to end on the real platform and browser mode: `?` opens the help overlay listing
 * every shortcut (axe-clean), typing `?` in the search box types it instead, and a shortcut remapped in
 * Settings works at once — while a remapping that puts two actions on one key is refused.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, openSignedIn, seriousA11yViolations, startStack, type Stack } from './fixtures';

let stack: Stack | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.stop();
});

const help = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' });
const search = (page: Page) => page.getByRole('searchbox', { name: 'Filter the inbox' });

test('? opens the shortcut help listing every shortcut, and typing ? in the search box does not', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await openSignedIn(page, stack!);

  // Typed into the search box, ? is text.
  await search(page).click();
  await page.keyboard.type('te?t');
  await expect(search(page)).toHaveValue('te?t');
  await expect(help(page)).toHaveCount(0);
  await expect(search(page)).toBeFocused();

  // Outside a field, ? opens the overlay.
  await page.getByRole('heading', { name: /^Inbox/ }).click();
  await page.keyboard.press('?');
  const overlay = help(page);
  await expect(overlay).toBeVisible();
  for (const [keys, label] of [
    ['Alt+Shift+A', 'Answer the ringing call'],
    ['Alt+Shift+H', 'Hold / Resume'],
    ['Alt+Shift+M', 'Mute / Unmute'],
    ['Alt+Shift+E', 'Hang up'],
    ['Alt+ArrowDown', 'Next item in the work list'],
    ['/', 'Search the inbox'],
    ['Alt+Shift+N', 'Dial a number'],
    ['Alt+Shift+S', 'Settings'],
    ['?', 'Show these shortcuts'],
  ]) {
    await expect(overlay.locator('.shortcut-row', { hasText: label }).locator('kbd')).toHaveText(keys);
  }
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();

  // The default search shortcut moves focus to the search box.
  await page.keyboard.press('/');
  await expect(search(page)).toBeFocused();
  expect(pageErrors).toEqual([]);
});

test('a shortcut remapped in Settings works, and two actions on one key are refused', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  await page.getByRole('button', { name: /^Settings/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const field = dialog.getByLabel('Keyboard shortcuts');
  const save = dialog.getByRole('button', { name: 'Save changes' });

  await field.fill('{"focus-search": "Alt+Shift+H"}');
  await save.click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Alt\+Shift\+H is already the key for toggle-hold/);

  await field.fill('{"focus-search": "F3"}');
  await save.click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(dialog).toBeHidden();

  await page.getByRole('heading', { name: /^Inbox/ }).click();
  await page.keyboard.press('/');
  await expect(search(page)).not.toBeFocused();
  await page.keyboard.press('F3');
  await expect(search(page)).toBeFocused();

  await page.getByRole('heading', { name: /^Inbox/ }).click();
  await page.keyboard.press('?');
  await expect(help(page).locator('.shortcut-row', { hasText: 'Search the inbox' }).locator('kbd')).toHaveText('F3');
  expect(pageErrors).toEqual([]);
});
