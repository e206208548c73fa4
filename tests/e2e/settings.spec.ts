/**
 * Settings under an IT policy, end to end: browser mode started with SWITCHBOARD_POLICY_FILE pointing at a
 * policy that locks the ICE servers and the update channel, misspells one key and gives another a bad
 * value. Locked settings are read-only with the policy note; the bad keys are named in a warning while
 * the app works on; an unlocked setting is saved, survives a reload and reaches another open window live.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { collectPageErrors, openSignedIn, seriousA11yViolations, startStack, type Stack } from './fixtures';

const POLICY = {
  iceServers: [{ urls: 'stun:stun.corp.example:3478' }, { urls: ['turns:turn.corp.example:5349'], username: 'agents', credential: 's3cret-e2e' }],
  updateChannel: 'beta',
  platformURL: 'https://typo.corp.example',
  sipWsUrl: 'https://not-a-websocket.corp.example',
};
const LOCKED_NOTE = "Set by your organisation's policy";

let stack: Stack | undefined;

test.describe.configure({ mode: 'serial' });

/** The stack, with the policy file: browser mode reads it once, at start-up. */
test.beforeAll(async () => {
  stack = await startStack({
    desktopEnv: async (dir) => {
      const policyFile = path.join(dir, 'policy.json');
      await writeFile(policyFile, JSON.stringify(POLICY, null, 2));
      return { SWITCHBOARD_POLICY_FILE: policyFile };
    },
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: /^Settings/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('locked settings are read-only with the policy note, and a bad policy key is named in a warning', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await openSignedIn(page, stack!);

  // Browser mode keeps the token in memory by design: said as information, not as a missing keyring.
  await expect(page.getByTestId('token-storage-note')).toHaveText(/^Browser mode keeps your sign-in only while it runs/);
  await expect(page.getByText(/No system keyring/)).toHaveCount(0);

  // The policy problem shows on the button before Settings is opened.
  await expect(page.getByRole('button', { name: 'Settings (policy file problem)' })).toBeVisible();
  const dialog = await openSettings(page);

  const warning = dialog.getByTestId('policy-warning');
  await expect(warning).toContainText('unknown key "platformURL"');
  await expect(warning).toContainText('"sipWsUrl" must be a ws(s): URL');

  const ice = dialog.getByLabel('STUN/TURN servers');
  await expect(ice).not.toBeEditable();
  await expect(ice).toHaveValue('stun:stun.corp.example:3478\nturns:turn.corp.example:5349 (user agents, credential set)');
  await expect(ice).toHaveAccessibleDescription(new RegExp(`^${LOCKED_NOTE}`));
  await expect(dialog.locator('[data-setting="iceServers"]')).toContainText(LOCKED_NOTE);

  const channel = dialog.getByLabel('Update channel');
  await expect(channel).not.toBeEditable();
  await expect(channel).toHaveValue('Beta');
  await expect(channel).toHaveAccessibleDescription(new RegExp(`^${LOCKED_NOTE}`));

  // The platform address is the one signed in to, chosen on the sign-in form rather than here.
  const platformAddress = dialog.getByLabel('Platform address');
  await expect(platformAddress).not.toBeEditable();
  await expect(platformAddress).toHaveValue(stack!.platform.url);
  await expect(dialog.locator('[data-setting="platformUrl"]')).not.toContainText(LOCKED_NOTE);

  // The key with a bad policy value is not locked: it stays editable, with the problem beside it.
  const sip = dialog.getByLabel('SIP WebSocket address');
  await expect(sip).toBeEditable();
  await expect(dialog.locator('[data-setting="sipWsUrl"]')).toContainText("The policy file's value was ignored");
  await expect(dialog.locator('[data-setting="ringerDevice"]')).not.toContainText(LOCKED_NOTE);

  await page.screenshot({ path: 'test-results/settings-policy.png' });
  await dialog.getByRole('group', { name: 'Switched-off features' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/settings-policy-lower.png' });
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The app works on behind the warning.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: /^Inbox/ })).toBeVisible();
  await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-state', 'online');
  expect(pageErrors).toEqual([]);
});

test('an unlocked setting is checked, saved, reaches another window live and survives a reload', async ({ page, context }) => {
  const pageErrors = collectPageErrors(page);
  await openSignedIn(page, stack!);
  const other = await context.newPage();
  await other.goto(stack!.desktop.url);
  const otherDialog = await openSettings(other);
  await expect(otherDialog.getByLabel('Ringer device')).toHaveValue('');

  const dialog = await openSettings(page);
  const save = dialog.getByRole('button', { name: 'Save changes' });
  await expect(save).toBeDisabled();

  // A wrong scheme is refused next to the field, and nothing is saved.
  const sip = dialog.getByLabel('SIP WebSocket address');
  await sip.fill('https://sip.e2e.example');
  await dialog.getByLabel('Ringer device').fill('headset-e2e');
  await save.click();
  await expect(sip).toHaveAttribute('aria-invalid', 'true');
  await expect(sip).toHaveAccessibleDescription(/must start with wss:\/\/ or ws:\/\//);
  await expect(sip).toBeFocused();
  await page.screenshot({ path: 'test-results/settings-field-error.png' });
  await expect(otherDialog.getByLabel('Ringer device')).toHaveValue('');

  await sip.fill('wss://sip.e2e.example:8443');
  await save.click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(sip).not.toHaveAttribute('aria-invalid', 'true');
  await expect(save).toBeDisabled();

  // The other window hears settingsChanged without asking.
  await expect(otherDialog.getByLabel('Ringer device')).toHaveValue('headset-e2e');
  await expect(otherDialog.getByLabel('SIP WebSocket address')).toHaveValue('wss://sip.e2e.example:8443');

  await page.reload();
  const reopened = await openSettings(page);
  await expect(reopened.getByLabel('Ringer device')).toHaveValue('headset-e2e');
  await expect(reopened.getByLabel('SIP WebSocket address')).toHaveValue('wss://sip.e2e.example:8443');
  await expect(reopened.getByLabel('Update channel')).toHaveValue('Beta');
  await other.close();
  expect(pageErrors).toEqual([]);
});
