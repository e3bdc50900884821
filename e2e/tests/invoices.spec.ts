import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

/*
 * Invoices and credit: the reseller records a payment and issues a credit note on a customer's
 * record and sees its balance move; a storefront's accounts user sees the company's invoices and
 * balance. The customer is found by the grid's own "overdue" filter, last by name: one that no
 * other spec opens (they use Blue Harbor and named customers first in the list), whatever ran before.
 */

const grid = (page: Page) => page.getByRole('treegrid').or(page.getByRole('grid'));
/** An amount as shown (`€1,234.56`, `-€5.00`) in cents. */
const cents = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100);
const balanceOf = async (record: Page) => cents((await record.getByRole('group', { name: 'Balance' }).locator('p').last().textContent()) ?? '');

/** The record's first invoice row with a Credit note button whose Open amount is its whole Total (nothing paid or credited yet). */
async function untouchedInvoiceRow(rows: Locator): Promise<Locator | null> {
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const cells = row.getByRole('cell');
    if ((await cells.nth(4).textContent()) === (await cells.nth(5).textContent())) return row;
  }
  return null;
}

test.describe('invoices, payments and credit notes', () => {
  test('the reseller records a payment and a credit note on the record, and the balance moves by each', async ({ page }, testInfo) => {
    // It may open a few records before it finds an invoice to credit whole.
    test.setTimeout(180_000);
    await signIn(page, 'reseller.cash@demo.example');
    await expect(page).toHaveURL(/\/reseller$/);
    await page.goto('/reseller/customers?overdue=yes&sort=-companyName');
    // The view's first answer (its count) before its rows are read; a cold server is slow to give it.
    await expect(page.getByText(/^\d+ customers?$/)).toBeVisible({ timeout: 30_000 });
    const first = grid(page).locator('.ag-cell[col-id="companyName"] a').first();
    await expect(first).toBeVisible();
    // Every row of the view is overdue: the column says since how long.
    await expect(grid(page).locator('.ag-cell[col-id="overdue"]').first()).toHaveText(/\d+ days?|Due today/);
    // The first of them with an invoice wholly open (nothing paid or credited on it yet), to credit whole.
    const links = await grid(page).locator('.ag-cell[col-id="companyName"] a').evaluateAll((as) => as.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? '']));
    const credit = page.getByRole('region', { name: 'Terms and credit' });
    const rows = credit.getByRole('row').filter({ has: page.getByRole('button', { name: 'Credit note' }) });
    let name = '';
    let row: Locator | null = null;
    for (const [companyName, href] of links) {
      await page.goto(href!);
      await expect(page.getByRole('heading', { level: 1, name: companyName })).toBeVisible();
      await expect(credit.getByRole('group', { name: 'Balance' })).toBeVisible();
      await expect(rows.first()).toBeVisible();
      row = await untouchedInvoiceRow(rows);
      if (row) {
        name = companyName!;
        break;
      }
    }
    if (!row) throw new Error('no overdue customer has an invoice wholly open');
    const start = await balanceOf(page);

    // A credit note reversing a wholly open invoice: the balance drops by its total.
    const number = (await row.getByRole('cell').first().locator('p').first().textContent())!;
    const total = cents((await row.getByRole('cell').nth(4).textContent())!);
    await row.getByRole('button', { name: 'Credit note' }).click();
    const cnDialog = page.getByRole('dialog', { name: `Credit note for ${number}` });
    await cnDialog.getByLabel('Reason').fill('Returned unopened (browser test)');
    await cnDialog.getByRole('button', { name: 'Issue credit note' }).click();
    await expect(page.getByText(/Credit note CN-\d{4}-\d{6} issued/)).toBeVisible();
    await expect(cnDialog).toBeHidden();
    await expect.poll(() => balanceOf(page)).toBe(start - total);
    // The invoice's own row (not its credit note's, which reads "Credits …").
    await expect(credit.getByRole('row').filter({ hasText: number }).filter({ hasNotText: 'Credits ' })).toContainText('Credited');

    // A payment of 10.00 on another open invoice: the balance drops by 10.00.
    const payable = credit.getByRole('row').filter({ has: page.getByRole('button', { name: 'Record payment' }) }).first();
    const payNumber = (await payable.getByRole('cell').first().locator('p').first().textContent())!;
    await payable.getByRole('button', { name: 'Record payment' }).click();
    const payDialog = page.getByRole('dialog', { name: `Record a payment on ${payNumber}` });
    await payDialog.getByLabel(/^Amount/).fill('10');
    await payDialog.getByLabel('Reference').fill('E2E-TRANSFER-1');
    await payDialog.getByRole('button', { name: 'Record payment' }).click();
    await expect(page.getByText(`recorded on ${payNumber}`)).toBeVisible();
    await expect(payDialog).toBeHidden();
    await expect.poll(() => balanceOf(page)).toBe(start - total - 1000);

    await expectAccessible(page, testInfo, 'customer record with invoices');
    await keepScreenshot(page, testInfo, 'customer-record-invoices');

    // The grid's Balance column shows the same figure.
    await page.goto(`/reseller/customers?q=${encodeURIComponent(name)}`);
    await expect(page.getByText('1 customer', { exact: true })).toBeVisible();
    const balanceCell = grid(page).locator('.ag-cell[col-id="balance"]').first();
    await expect.poll(async () => cents((await balanceCell.textContent()) ?? '')).toBe(start - total - 1000);
  });

  test('a storefront accounts user sees the company’s invoices and balance, and nothing to change', async ({ page }, testInfo) => {
    await signIn(page, 'accounts@demo.example');
    await expect(page).toHaveURL(/\/storefront$/);
    await page.getByRole('link', { name: 'Invoices' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Balance' })).toContainText('€');
    await expect(page.getByRole('group', { name: 'Overdue' })).toBeVisible();
    const rows = page.getByRole('row').filter({ hasText: /INV-\d{4}-\d{6}/ });
    await expect(rows.first()).toBeVisible();
    await expect(page.getByText(/\d+ documents?/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Record payment' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Credit note' })).toHaveCount(0);
    await expectAccessible(page, testInfo, 'storefront invoices');
    await keepScreenshot(page, testInfo, 'storefront-invoices');
  });
});
