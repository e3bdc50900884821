import { expect, test } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

test('a reseller adds a storefront user, who activates by email, signs in, and is signed out when deactivated', async ({ page, browser }, testInfo) => {
  const email = `e2e.${Date.now()}@example.test`;
  const password = 'Storefront-Pass-2026';

  // The reseller adds the user from the customer record.
  await signIn(page, 'reseller.cash@demo.example');
  await expect(page).toHaveURL(/\/reseller$/);
  await page.goto('/reseller/customers?q=blue+harbor');
  await expect(page.getByText('1 customer', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Blue Harbor Trading Ltd' }).click();
  const section = page.getByRole('region', { name: 'Storefront users' });
  await expect(section.getByRole('cell', { name: 'buyer@demo.example', exact: true })).toBeVisible();
  await section.getByRole('button', { name: 'Add' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add storefront user' });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog.getByText('First name is required')).toBeVisible();
  await dialog.getByLabel(/^First name/).fill('Erin');
  await dialog.getByLabel(/^Last name/).fill('Endtoend');
  await dialog.getByLabel(/^Email/).fill(email);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByText('Erin Endtoend was added and sent an activation link.')).toBeVisible();
  const row = section.getByRole('row', { name: new RegExp(email) });
  await expect(row.getByText('Pending activation')).toBeVisible();
  await expectAccessible(page, testInfo, 'record with storefront users');
  await keepScreenshot(page, testInfo, 'storefront-users-section');

  // The development mailbox shows the welcome message; its link opens the activation page.
  const mailbox = await page.context().newPage();
  await mailbox.goto('/dev/mail');
  const message = mailbox.getByRole('article', { name: 'Welcome to the Cashmere Cloud Partners storefront' }).filter({ hasText: email });
  await expect(message).toBeVisible();
  await expectAccessible(mailbox, testInfo, 'dev mailbox');
  await keepScreenshot(mailbox, testInfo, 'dev-mailbox');
  const link = await message.getByRole('link').first().getAttribute('href');
  expect(link).toMatch(/\/activate\?token=/);

  // The new user, in a browser of their own, sets a password and signs in to the storefront.
  const userContext = await browser.newContext();
  const user = await userContext.newPage();
  await user.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(user.getByRole('heading', { name: 'Activate your account' })).toBeVisible();
  await expectAccessible(user, testInfo, 'activation page');
  await user.getByLabel(/^New password/).fill(password);
  await user.getByLabel(/^Repeat the password/).fill(password);
  await user.getByRole('button', { name: 'Activate and continue' }).click();
  await expect(user.getByText('Your password is set. Sign in with it now.')).toBeVisible();
  await expect(user.getByLabel(/^Email/)).toHaveValue(email);
  await user.getByLabel(/^Password/).fill(password);
  await user.getByRole('button', { name: 'Sign in' }).click();
  await expect(user.getByRole('heading', { level: 1, name: 'Welcome, Erin Endtoend' })).toBeVisible();

  // The link works once: opened again, it says so at once, before any password is typed.
  const again = await userContext.newPage();
  await again.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(again.getByRole('alert')).toContainText('expired or has already been used');
  await expect(again.getByLabel(/^New password/)).toHaveCount(0);
  await again.close();

  // The reseller sees the user active, then deactivates them.
  await page.reload();
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Actions for Erin Endtoend' }).click();
  await page.getByRole('menuitem', { name: 'Deactivate user' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByText('Erin Endtoend was deactivated.')).toBeVisible();
  await expect(row.getByText('Deactivated')).toBeVisible();

  // The user's next navigation lands on sign-in with a message.
  await user.goto('/storefront');
  await expect(user).toHaveURL(/\/sign-in/);
  // Told why, not only that the session ended (issue 24 item 8).
  await expect(user.getByText(/Your account was deactivated by .+. Please contact them if you need access again./)).toBeVisible();
  await keepScreenshot(user, testInfo, 'deactivated-user-signed-out');
  await userContext.close();
});

test('asking for a password reset says the same for any email', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  // The sign-in form has an Email field too: fill only once the new page is there.
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await page.getByLabel(/^Email/).fill('nobody@nowhere.example');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account uses that email, a link is on its way');
  await expectAccessible(page, testInfo, 'forgot password');
});
