import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

const cartButton = (page: Page) => page.getByRole('button', { name: /^Cart, / });

async function openCatalogue(page: Page) {
  await signIn(page, 'buyer@demo.example');
  await expect(page).toHaveURL(/\/storefront$/);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Catalogue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Catalogue' })).toBeVisible();
  await expect(page.getByText(/^\d+ products?$/)).toBeVisible();
}

test('a buyer searches the catalogue, fills the cart, reloads, and places the order once', async ({ page }, testInfo) => {
  await openCatalogue(page);
  await expect(cartButton(page)).toHaveAccessibleName('Cart, 0 products');
  await expectAccessible(page, testInfo, 'catalogue');
  await keepScreenshot(page, testInfo, 'storefront-catalogue');

  // Search narrows the list (debounced, kept in the URL); the storefront shows no cost anywhere.
  await page.getByRole('searchbox', { name: 'Search products' }).fill('Microsoft 365');
  await expect(page).toHaveURL(/q=Microsoft\+365/);
  const rows = page.getByRole('row').filter({ hasText: 'SKU ' });
  await expect(rows).toHaveCount(2);
  await expect(page.getByText(/cost/i)).toHaveCount(0);

  const basic = rows.filter({ hasText: 'Microsoft 365 Business Basic' });
  await basic.getByRole('textbox', { name: 'Quantity of Microsoft 365 Business Basic' }).fill('3');
  await basic.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText('3 × Microsoft 365 Business Basic added to your cart.')).toBeVisible();
  await rows.filter({ hasText: 'Microsoft 365 Business Standard' }).getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartButton(page)).toHaveAccessibleName('Cart, 2 products');

  // Nothing matches: the page says so and offers the whole list back.
  await page.getByRole('searchbox', { name: 'Search products' }).fill('no such product anywhere');
  await expect(page.getByText('No products match')).toBeVisible();
  await page.getByRole('button', { name: 'Show all products' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search products' })).toHaveValue('');

  // The cart survives a reload.
  await page.reload();
  await expect(cartButton(page)).toHaveAccessibleName('Cart, 2 products');
  await cartButton(page).click();
  const cart = page.getByRole('dialog', { name: /Your cart/ });
  await expect(cart.getByRole('listitem')).toHaveCount(2);
  await expect(cart.getByRole('textbox', { name: 'Quantity of Microsoft 365 Business Basic' })).toHaveValue('3');
  await expect(cart.getByTestId('cart-total')).toHaveText(/€/);
  await expectAccessible(page, testInfo, 'cart');
  await keepScreenshot(page, testInfo, 'storefront-cart');

  // Review: lines, prices, the total, and the approval note.
  const total = (await cart.getByTestId('cart-total').textContent())!;
  await cart.getByRole('button', { name: 'Review order' }).click();
  const review = page.getByRole('dialog', { name: 'Review your order' });
  await expect(review.getByRole('row')).toHaveCount(3);
  await expect(review.getByText('may have to wait for approval')).toBeVisible();
  await expect(review.getByTestId('review-total')).toHaveText(total);
  await expectAccessible(page, testInfo, 'review');
  await keepScreenshot(page, testInfo, 'storefront-review');

  // A double click makes one order.
  const placed: number[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/orders') && r.request().method() === 'POST') placed.push(r.status());
  });
  await review.getByRole('button', { name: 'Place order' }).dblclick();
  await expect(page.getByText(/^Order .+ placed$/)).toBeVisible();
  await expect(page.getByText('Status: Pending reseller approval.')).toBeVisible();
  await expect(page).toHaveURL(/\/storefront\/orders\/[0-9a-f]{24}$/);
  expect(placed.filter((s) => s === 201)).toHaveLength(1);
  expect(placed.every((s) => s === 201 || s === 200)).toBe(true);

  // The cart is empty afterwards, also after a reload.
  await expect(cartButton(page)).toHaveAccessibleName('Cart, 0 products');
  await page.reload();
  await expect(cartButton(page)).toHaveAccessibleName('Cart, 0 products');
});

test('the server’s refusals are shown where they belong, and the cart stays', async ({ page }, testInfo) => {
  await openCatalogue(page);
  const rows = page.getByRole('row').filter({ hasText: 'SKU ' });
  await rows.nth(0).getByRole('button', { name: 'Add to cart' }).click();
  await rows.nth(1).getByRole('button', { name: 'Add to cart' }).click();
  const secondName = (await rows.nth(1).locator('td').first().locator('p').first().textContent())!;
  await cartButton(page).click();
  await page.getByRole('dialog', { name: /Your cart/ }).getByRole('button', { name: 'Review order' }).click();
  const review = page.getByRole('dialog', { name: 'Review your order' });

  // A field error names the line by its position.
  const keys: string[] = [];
  await page.route('**/api/orders', async (route) => {
    keys.push((route.request().postDataJSON() as { idempotencyKey: string }).idempotencyKey);
    await route.fulfill({
      status: 400,
      json: { error: { code: 'validation_failed', message: 'Some products of this order are not in the catalogue.', fields: { 'lines.1.productId': 'This product is not in the catalogue' } } },
    });
  });
  await review.getByRole('button', { name: 'Place order' }).click();
  await expect(review.getByRole('alert').filter({ hasText: 'Some products of this order are not in the catalogue.' })).toBeVisible();
  await expect(review.getByRole('row').filter({ hasText: secondName }).getByText('This product is not in the catalogue')).toBeVisible();
  await expectAccessible(page, testInfo, 'review with a line error');
  await keepScreenshot(page, testInfo, 'storefront-review-line-error');

  // An inactive customer: 409 says why; a retry sends the same key.
  await page.unroute('**/api/orders');
  await page.route('**/api/orders', async (route) => {
    keys.push((route.request().postDataJSON() as { idempotencyKey: string }).idempotencyKey);
    await route.fulfill({ status: 409, json: { error: { code: 'conflict', message: 'This customer is inactive and cannot place orders.' } } });
  });
  await review.getByRole('button', { name: 'Place order' }).click();
  await expect(review.getByRole('alert').filter({ hasText: 'This customer is inactive and cannot place orders.' })).toBeVisible();
  await expect(review.getByText('Your company cannot order right now')).toBeVisible();
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(keys[1]).toBe(keys[0]);

  // Nothing was placed: the cart keeps both lines.
  await review.getByRole('button', { name: 'Close the review' }).click();
  await expect(cartButton(page)).toHaveAccessibleName('Cart, 2 products');
  await page.unroute('**/api/orders');
});

test('a buyer’s “waiting for approval” card opens My orders filtered so, and the filter and search stay in the URL', async ({ page }) => {
  await signIn(page, 'bob.buyer@demo.example');
  await page.getByRole('link', { name: 'Open my waiting orders' }).click();
  await expect(page).toHaveURL(/\/storefront\/orders\?status=pending_approval$/);
  const status = page.getByRole('combobox', { name: 'Status' });
  await expect(status).toHaveValue('Pending reseller approval');

  await page.getByRole('textbox', { name: 'Search orders' }).fill('ORD-');
  await expect(page).toHaveURL(/status=pending_approval&q=ORD-/);
  await page.reload();
  await expect(status).toHaveValue('Pending reseller approval');
  await expect(page.getByRole('textbox', { name: 'Search orders' })).toHaveValue('ORD-');
  // Back returns to the view before the search, and the box follows.
  await page.goBack();
  await expect(page).toHaveURL(/\?status=pending_approval$/);
  await expect(page.getByRole('textbox', { name: 'Search orders' })).toHaveValue('');
});
