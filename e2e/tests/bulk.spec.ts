import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

// An action that leaves the demo data as it was: making active customers that are active.
test('staff select customers in the grid and act on them at once; each customer’s outcome is reported', async ({ page }, testInfo) => {
  await signIn(page, 'reseller.cash@demo.example');
  await expect(page).toHaveURL(/\/reseller$/);
  await page.goto('/reseller/customers?q=blue');
  const grid = page.getByRole('treegrid').or(page.getByRole('grid'));
  const row = grid.getByRole('row', { name: /Blue Harbor Trading/ });
  await row.getByRole('checkbox').check();
  const bar = page.getByRole('region', { name: 'Selected customers' }).or(page.getByLabel('Selected customers'));
  await expect(bar.getByText('1 customer selected')).toBeVisible();
  await bar.getByRole('button', { name: 'Make active' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make active' });
  await dialog.getByRole('button', { name: 'Make active: 1 customer' }).click();
  await expect(dialog.getByRole('status')).toContainText('Already so (unchanged): 1');
  await expect(dialog.getByText('Blue Harbor Trading Ltd')).toBeVisible();
  await expectAccessible(page, testInfo, 'bulk action outcome');
  await dialog.getByRole('button', { name: 'Done' }).click();
});
