import { expect, test } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { DEMO_PASSWORD, signIn } from '../fixtures/auth.js';

// Dev Deposit's own account: changed here and put back, so other files sign in as before.
const EMAIL = 'reseller.deposit@demo.example';
const NEW_PASSWORD = 'Profile-Passphrase-7';

// Whatever the test got to, Dev's account is put back for the files after this one (through the API).
test.afterEach(async ({ request }) => {
  const headers = { 'x-csrf-protection': '1' };
  for (const password of [NEW_PASSWORD, DEMO_PASSWORD]) {
    if (!(await request.post('/api/auth/login', { headers, data: { email: EMAIL, password } })).ok()) continue;
    if (password === NEW_PASSWORD) await request.post('/api/profile/password', { headers, data: { currentPassword: NEW_PASSWORD, newPassword: DEMO_PASSWORD } });
    await request.put('/api/profile', { headers, data: { firstName: 'Dev', lastName: 'Deposit', language: 'en', dateFormat: 'DD/MM/YYYY' } });
    await request.post('/api/auth/logout', { headers });
    return;
  }
});

test('one’s own profile: a name and date format saved show at once; a password change needs the current one and signs out the other window', async ({ page, browser }, testInfo) => {
  await signIn(page, EMAIL);
  // A second window of the same person, signed in separately.
  const other = await browser.newPage();
  await signIn(other, EMAIL, undefined, { fresh: true });
  await expect(other.getByRole('button', { name: /Account menu for Dev Deposit/ })).toBeVisible();

  await page.getByRole('button', { name: /Account menu for Dev Deposit/ }).click();
  await page.getByRole('menuitem', { name: 'Your profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(EMAIL);
  await expectAccessible(page, testInfo, 'profile');
  await keepScreenshot(page, testInfo, 'profile-1366');

  // Details: a bad name is refused where it is; a good one shows in the header at once.
  await page.getByLabel(/^First name/).fill(' ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('First name is required')).toBeVisible();
  await expect(page.getByLabel(/^First name/)).toBeFocused();
  await page.getByLabel(/^First name/).fill('Devon');
  await page.getByRole('combobox', { name: 'Date format' }).click();
  await page.getByRole('option', { name: /^YYYY-MM-DD/ }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your profile was saved.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Account menu for Devon Deposit/ })).toBeVisible();

  // Password: the current one is checked; the change keeps this window and ends the other.
  await page.getByLabel(/^Current password/).fill('not-my-password-1');
  await page.getByLabel(/^New password/).fill(NEW_PASSWORD);
  await page.getByLabel(/^Repeat the new password/).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('This is not your current password')).toBeVisible();
  await page.getByLabel(/^Current password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  // This window's twin, and any session an earlier file opened for Dev, were signed out.
  await expect(page.getByText(/Your password was changed\. Your (other session was|\d+ other sessions were) signed out\./)).toBeVisible();
  await other.reload();
  await expect(other).toHaveURL(/\/sign-in/);

  await page.setViewportSize({ width: 390, height: 844 });
  await keepScreenshot(page, testInfo, 'profile-390');

  // Put the account back as the other files expect it.
  await page.getByLabel(/^First name/).fill('Dev');
  await page.getByRole('combobox', { name: 'Date format' }).click();
  await page.getByRole('option', { name: /^DD\/MM\/YYYY/ }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your profile was saved.').last()).toBeVisible();
  await page.getByLabel(/^Current password/).fill(NEW_PASSWORD);
  await page.getByLabel(/^New password/).fill(DEMO_PASSWORD);
  await page.getByLabel(/^Repeat the new password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password was changed.', { exact: true })).toBeVisible();
  await other.close();
});
