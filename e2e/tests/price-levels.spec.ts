import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

test('a reseller edits a level and gives a customer another level for a category', async ({ page }, testInfo) => {
  await signIn(page, 'reseller.cash@demo.example');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Price levels' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Price levels' })).toBeVisible();
  const level15 = page.getByRole('article', { name: 'Level 15' });
  await expect(page.getByRole('article')).toHaveCount(3);
  await expectAccessible(page, testInfo, 'price-levels');

  // A markup for one more category, saved on the revision read.
  await level15.getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit “Level 15”' });
  await editor.getByRole('textbox', { name: 'Domains' }).fill('7');
  await editor.getByRole('button', { name: 'Save level' }).click();
  await expect(page.getByText('Price level “Level 15” saved.')).toBeVisible();
  await expect(level15).toContainText('Domains 7 %');

  // Its customers, in the grid filtered by the level; one record's levels per category.
  await level15.getByRole('link', { name: /customers use it/ }).click();
  await expect(page).toHaveURL(/level=/);
  await expect(page.getByRole('combobox', { name: 'Price level' })).toHaveValue('Level 15');
  const firstRow = page.getByRole('row').filter({ has: page.getByRole('link') }).first();
  await firstRow.getByRole('link').first().click();
  const section = page.getByRole('region', { name: 'Price levels' });
  await section.getByRole('combobox', { name: 'Price level for Domains' }).click();
  await page.getByRole('option', { name: 'Partner' }).click();
  await section.getByRole('button', { name: 'Save price levels' }).click();
  await expect(page.getByText('Price levels saved.')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Download price list' })).toBeVisible();
});

test('the buyer sees its quantity breaks and level in the catalogue, and downloads its price list', async ({ page: buyer }) => {
  await signIn(buyer, 'buyer@demo.example');
  await buyer.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Catalogue' }).click();
  const basic = buyer.getByRole('row').filter({ hasText: 'Microsoft 365 Business Basic' });
  await expect(basic).toContainText('from 10: €5.40');
  await expect(basic).toContainText('Partner');
  const [download] = await Promise.all([buyer.waitForEvent('download'), buyer.getByRole('button', { name: 'Download price list' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^Price list-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(buyer.getByText('Your download has started.')).toBeVisible();
});
