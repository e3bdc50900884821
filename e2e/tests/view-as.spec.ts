import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

const SHOTS = process.env.SHOTS_DIR;
const grid = (page: Page) => page.getByRole('treegrid').or(page.getByRole('grid'));

test('reseller staff view Blue Harbor’s storefront as its admin: read-only, with the way back', async ({ page }, testInfo) => {
  await signIn(page, 'reseller.cash@demo.example');
  await expect(page).toHaveURL(/\/reseller$/);
  await page.getByRole('link', { name: /customers/i }).first().click();
  await page.getByLabel('Search customers').fill('blue harbor');
  await expect(page.getByText('1 customer', { exact: true })).toBeVisible();
  await grid(page).getByRole('link', { name: 'Blue Harbor Trading Ltd' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Blue Harbor Trading Ltd' })).toBeVisible();

  await page.getByRole('button', { name: 'View as customer' }).click();
  const dialog = page.getByRole('dialog', { name: /View Blue Harbor Trading Ltd’s storefront/ });
  // The company's admin is offered first.
  await expect(dialog.getByLabel('View as', { exact: true })).toHaveValue(/Bea Buyer · Admin/);
  await dialog.getByRole('button', { name: 'Open storefront' }).click();

  const banner = page.getByRole('region', { name: 'Viewing as a customer' });
  await expect(banner).toContainText('You are viewing Blue Harbor Trading Ltd’s storefront as Bea Buyer');
  await expect(page).toHaveURL(/\/storefront/);
  // What Bea sees, without the means to change it: no cart, no order buttons.
  await page.getByRole('link', { name: /catalogue/i }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: /cart/i })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /add to cart/i })).toHaveCount(0);
  await expectAccessible(page, testInfo, 'storefront viewed as a customer');
  await keepScreenshot(page, testInfo, 'view-as-catalogue');
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/view-as-1366.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(banner).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/view-as-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 860 });
  }

  await banner.getByRole('button', { name: 'Back to admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Blue Harbor Trading Ltd' })).toBeVisible();
  await expect(banner).toHaveCount(0);
  // The look is on the record's timeline.
  await expect(page.getByRole('region', { name: 'Notes and timeline' }).getByText(/Viewed the storefront as a user/).first()).toBeVisible();
});
