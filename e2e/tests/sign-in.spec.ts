import { expect, test } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { PERSONAS, signIn, signOut } from '../fixtures/auth.js';

test.describe('signing in and out', () => {
  for (const persona of PERSONAS) {
    test(`${persona.email} signs in, lands on its home and signs out`, async ({ page }, testInfo) => {
      await page.goto('/');
      await expect(page).toHaveURL(/\/sign-in/);
      await expectAccessible(page, testInfo, 'sign-in');

      await signIn(page, persona.email, undefined, { fresh: true });
      await expect(page).toHaveURL(new RegExp(`${persona.home}$`));
      await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${persona.name}` })).toBeVisible();
      await expect(page.getByRole('banner')).toContainText(persona.tenant);
      await expect(page.getByText('All orders', { exact: true })).toBeVisible();
      await expectAccessible(page, testInfo, `${persona.home} home`);
      await keepScreenshot(page, testInfo, `home-${persona.email.split('@')[0]}`);

      await signOut(page, persona.name);
      await page.goto(persona.home);
      await expect(page).toHaveURL(/\/sign-in/);
    });
  }

  test('a wrong password shows the error and signs nobody in', async ({ page }, testInfo) => {
    await signIn(page, 'reseller.cash@demo.example', 'not-the-password');
    await expect(page.getByRole('alert')).toContainText('Email or password is incorrect.');
    await expect(page).toHaveURL(/\/sign-in/);
    await expectAccessible(page, testInfo, 'sign-in with error');
    await keepScreenshot(page, testInfo, 'sign-in-wrong-password');
  });

  test('a session ended on the server sends the person to sign-in with a message', async ({ page, playwright, baseURL }, testInfo) => {
    await signIn(page, 'reseller.card@demo.example', undefined, { fresh: true });
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
    // End the session from elsewhere (another device with the same cookie); this browser keeps its cookie.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const elsewhere = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie, 'x-csrf-protection': '1' } });
    const logout = await elsewhere.post('/api/auth/logout');
    expect(logout.status()).toBe(204);
    await elsewhere.dispose();
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
    await keepScreenshot(page, testInfo, 'session-ended');
  });

  test('a persona cannot open another persona’s area, and unknown pages say so', async ({ page }, testInfo) => {
    await signIn(page, 'buyer@demo.example', undefined, { fresh: true });
    await expect(page).toHaveURL(/\/storefront$/);
    await page.goto('/distributor');
    await expect(page).toHaveURL(/\/storefront$/);
    await page.goto('/storefront/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expectAccessible(page, testInfo, 'not found');
  });
});
