import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

// The customer's own organisation: a buyer's order waits for the company's approver, then for the
// reseller; the company's admin manages roles; the reseller sets the approval rule.
const SHOTS = process.env.SHOTS_DIR;
async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function placeFromCatalogue(page: Page, reference: string) {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Catalogue' }).click();
  await expect(page.getByText(/^\d+ products?$/)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search products' }).fill('Microsoft 365 Business Basic');
  const row = page.getByRole('row').filter({ hasText: 'Microsoft 365 Business Basic' }).first();
  await row.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('button', { name: /^Cart, / }).click();
  await page.getByRole('dialog', { name: /Your cart/ }).getByRole('button', { name: 'Review order' }).click();
  const review = page.getByRole('dialog', { name: 'Review your order' });
  await review.getByLabel('PO number / reference (optional)').fill(reference);
  await review.getByLabel('Note for your reseller (optional)').fill('For the Leeds office');
  await review.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText('Status: Pending company approval.')).toBeVisible();
}

test('a buyer’s order waits for the company’s approver, then for the reseller, each with its reason', async ({ browser }, testInfo) => {
  const reference = `PO-${Date.now()}`;
  const buyer = await (await browser.newContext()).newPage();
  await signIn(buyer, 'bob.buyer@demo.example');
  await expect(buyer).toHaveURL(/\/storefront$/);
  await placeFromCatalogue(buyer, reference);
  await expect(buyer.getByText(/Waits for the company’s approval because: placed by a buyer/)).toBeVisible();
  await expect(buyer.getByText(`Reference: ${reference}`)).toBeVisible();
  await expect(buyer.getByRole('button', { name: 'Cancel order' })).toBeVisible();
  await shoot(buyer, 'storefront-order-waiting-1366');

  const approver = await (await browser.newContext()).newPage();
  await signIn(approver, 'approver@demo.example');
  await expect(approver).toHaveURL(/\/storefront$/);
  await approver.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /Approvals/ }).click();
  const card = approver.getByRole('article').filter({ hasText: reference });
  await expect(card.getByText('Waits because: placed by a buyer: the company\'s approvers approve it first')).toBeVisible();
  await expect(card.getByText('Cost')).toHaveCount(0);
  await expectAccessible(approver, testInfo, 'company approvals');
  await keepScreenshot(approver, testInfo, 'company-approvals');
  await shoot(approver, 'storefront-approvals-1366');
  await approver.setViewportSize({ width: 390, height: 844 });
  await shoot(approver, 'storefront-approvals-390');
  await card.getByRole('button', { name: 'Accept' }).click();
  await approver.getByRole('dialog').getByRole('button', { name: 'Accept' }).click();
  await expect(approver.getByText(/accepted\.$/)).toBeVisible();

  const reseller = await (await browser.newContext()).newPage();
  await signIn(reseller, 'reseller.cash@demo.example');
  await expect(reseller).toHaveURL(/\/reseller$/);
  await reseller.goto('/reseller/approvals');
  // The queue is oldest first: the reference finds it (the search takes order numbers and references).
  await reseller.getByRole('textbox', { name: 'Order number' }).fill(reference);
  const waiting = reseller.getByRole('article').filter({ hasText: reference });
  await expect(waiting.getByText("Waits because: every order of this customer needs the reseller's approval")).toBeVisible();
  await expect(waiting.getByText('Note: For the Leeds office')).toBeVisible();
  await shoot(reseller, 'reseller-approvals-1366');
  await reseller.setViewportSize({ width: 390, height: 844 });
  await shoot(reseller, 'reseller-approvals-390');
});

test('the company’s admin sets a user’s role and limits', async ({ browser }, testInfo) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'buyer@demo.example');
  await expect(admin).toHaveURL(/\/storefront$/);
  await admin.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Company users' }).click();
  const row = admin.getByRole('row', { name: /carla\.buyer@demo\.example/ });
  await expect(row.getByText(/Buyer · €3,000\.00 a month/)).toBeVisible();
  await shoot(admin, 'storefront-company-users-1366');
  await row.getByRole('button', { name: /Actions for/ }).click();
  await admin.getByRole('menuitem', { name: 'Role and limits' }).click();
  const dialog = admin.getByRole('dialog', { name: /Role and limits/ });
  await dialog.getByLabel(/^Per order/).fill('1500');
  await shoot(admin, 'storefront-role-dialog-1366');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByText(/€1,500\.00 an order/)).toBeVisible();
  await expectAccessible(admin, testInfo, 'company users');
  await admin.setViewportSize({ width: 390, height: 844 });
  await shoot(admin, 'storefront-company-users-390');
});

// Apart from the admin's part: together they ran past a test's minute on a busy CI machine.
test('the reseller sets a customer’s approval rule on its record', async ({ browser }, testInfo) => {
  const reseller = await (await browser.newContext()).newPage();
  await signIn(reseller, 'reseller.cash@demo.example');
  await expect(reseller).toHaveURL(/\/reseller$/);
  await reseller.goto('/reseller/customers?q=blue+harbor');
  await reseller.getByRole('link', { name: 'Blue Harbor Trading Ltd' }).click();
  await reseller.getByLabel('Which orders need approval').first().click();
  await reseller.getByRole('option', { name: 'Above an amount' }).click();
  const popover = reseller.getByRole('dialog').filter({ hasText: 'wait for your approval' });
  await popover.getByLabel(/^Amount/).fill('1000');
  await shoot(reseller, 'reseller-approval-rule-1366');
  await popover.getByRole('button', { name: 'Save' }).click();
  await expect(reseller.getByRole('button', { name: 'Change the amount' })).toHaveText('≥ €1,000.00');
  await expectAccessible(reseller, testInfo, 'customer record with its approval rule');
  await expect(reseller.getByRole('cell', { name: /Approver/ }).first()).toBeVisible();
  await shoot(reseller, 'reseller-customer-record-1366');
  await reseller.setViewportSize({ width: 390, height: 844 });
  await shoot(reseller, 'reseller-customer-record-390');
});
