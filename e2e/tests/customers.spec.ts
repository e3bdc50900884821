import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

const grid = (page: Page) => page.getByRole('treegrid').or(page.getByRole('grid'));
const NOTICE = 'The payment method set by your distributor requires order approval for all customers.';

async function openCustomers(page: Page, email: string) {
  await signIn(page, email);
  await page.getByRole('link', { name: /customers/i }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/^\d[\d,]* customers?$/)).toBeVisible();
}

test.describe('reseller · my customers', () => {
  test('the export says it includes the columns hidden from the grid', async ({ page }) => {
    await openCustomers(page, 'reseller.card@demo.example');
    const exportButton = page.getByRole('button', { name: 'Export to Excel' });
    await expect(exportButton).not.toHaveAccessibleDescription(/hidden/);
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Phone' }).uncheck();
    await expect(grid(page).getByRole('columnheader', { name: 'Phone' })).toHaveCount(0);
    await expect(exportButton).toHaveAccessibleDescription('Includes the 1 hidden column');
    await page.getByRole('checkbox', { name: 'Phone' }).check();
    await expect(exportButton).not.toHaveAccessibleDescription(/hidden/);
  });

  test('search narrows the grid, lives in the URL and survives a reload', async ({ page }, testInfo) => {
    await openCustomers(page, 'reseller.cash@demo.example');
    await expect(page.getByText('110 customers')).toBeVisible();
    await expect(page.getByText(NOTICE)).toHaveCount(0);
    await expectAccessible(page, testInfo, 'customers (cash reseller)');
    await keepScreenshot(page, testInfo, 'customers-cash');

    await page.getByLabel('Search customers').fill('blue harbor');
    await expect(page).toHaveURL(/q=blue\+harbor/);
    await expect(page.getByText('1 customer', { exact: true })).toBeVisible();
    await expect(grid(page).getByRole('link', { name: 'Blue Harbor Trading Ltd' })).toBeVisible();

    await page.reload();
    await expect(page.getByLabel('Search customers')).toHaveValue('blue harbor');
    await expect(page.getByText('1 customer', { exact: true })).toBeVisible();
    await page.goBack();
    await expect(page.getByText('110 customers')).toBeVisible();
  });

  test('Export to Excel downloads the current view', async ({ page }) => {
    await openCustomers(page, 'reseller.cash@demo.example');
    await page.getByLabel('Search customers').fill('blue harbor');
    await expect(page.getByText('1 customer', { exact: true })).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Customers-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(download.url()).toContain('search=blue+harbor');
    const stream = await download.createReadStream();
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    expect(bytes).toBeGreaterThan(1000);
  });

  test('sorting by a column is done by the server and kept in the URL', async ({ page }) => {
    await openCustomers(page, 'reseller.cash@demo.example');
    await page.getByRole('columnheader', { name: 'City' }).click();
    await expect(page).toHaveURL(/sort=city/);
    const cities = async () => (await grid(page).locator('[col-id="city"][role="gridcell"]').allInnerTexts()).slice(0, 8);
    await expect.poll(async () => (await cities()).length).toBeGreaterThan(3);
    const asc = await cities();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b)));
    await page.getByRole('columnheader', { name: 'City' }).click();
    await expect(page).toHaveURL(/sort=-city/);
    await expect.poll(async () => (await cities())[0]).not.toBe(asc[0]);
  });

  test('a new customer with missing fields shows the errors, then is created and found', async ({ page }, testInfo) => {
    await openCustomers(page, 'reseller.deposit@demo.example');
    await page.getByRole('button', { name: 'New customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    for (const message of ['Company name is required', 'Email is required', 'Address is required', 'City is required', 'Country is required',
      'State/province is required', 'Postcode is required', 'Phone is required']) {
      await expect(dialog.getByText(message)).toBeVisible();
    }
    // Focus goes to the first field that needs attention.
    await expect(dialog.getByLabel(/^Company name/)).toBeFocused();
    await expectAccessible(page, testInfo, 'new customer dialog');
    await keepScreenshot(page, testInfo, 'new-customer-errors');

    await dialog.getByLabel(/^Company name/).fill('Quokka Quantum Ltd');
    await dialog.getByLabel(/^Email/).fill('hello@quokka-quantum.example');
    await dialog.getByLabel(/^Phone/).fill('+44 161 555 0101');
    await dialog.getByLabel(/^Address/).fill('1 Mill Lane');
    await dialog.getByLabel(/^City/).fill('Manchester');
    await dialog.getByLabel(/^State\/province/).fill('Greater Manchester');
    await dialog.getByLabel(/^Postcode/).fill('M1 1AE');
    // The country comes from the ISO 3166 list: typed to filter it, then chosen.
    await dialog.getByLabel(/^Country/).fill('United King');
    await page.getByRole('option', { name: 'United Kingdom' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Quokka Quantum Ltd was created.')).toBeVisible();
    await expect(dialog).toBeHidden();
    // The new customer's record opens, to go on with (storefront users, orders).
    await expect(page).toHaveURL(/\/reseller\/customers\/[0-9a-f]{24}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Quokka Quantum Ltd' })).toBeVisible();
    await page.getByRole('link', { name: 'Customers' }).first().click();
    await expect(page.getByText('71 customers')).toBeVisible();
    await page.getByLabel('Search customers').fill('quokka');
    await expect(grid(page).getByRole('link', { name: 'Quokka Quantum Ltd' })).toBeVisible();
  });

  test('the record is edited in place and saved with Update', async ({ page }, testInfo) => {
    await openCustomers(page, 'reseller.cash@demo.example');
    await page.getByLabel('Search customers').fill('blue harbor');
    await expect(page.getByText('1 customer', { exact: true })).toBeVisible();
    await grid(page).getByRole('link', { name: 'Blue Harbor Trading Ltd' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Blue Harbor Trading Ltd' })).toBeVisible();
    // The main address's city (its delivery address has one too).
    const city = page.getByLabel(/^City/).first();
    await city.fill('Piraeus');
    await page.getByRole('button', { name: 'Update', exact: true }).click();
    await expect(page.getByText('The customer information was updated.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(/^City/).first()).toHaveValue('Piraeus');
    await expectAccessible(page, testInfo, 'customer record');
  });
});

test.describe('the order-approval toggle', () => {
  test('is on, disabled and explained for the credit-card reseller', async ({ page }, testInfo) => {
    await openCustomers(page, 'reseller.card@demo.example');
    await expect(page.getByText(NOTICE).first()).toBeVisible();
    await keepScreenshot(page, testInfo, 'customers-card');
    await grid(page).getByRole('link').first().click();
    const toggle = page.getByRole('switch', { name: 'Order approval required' });
    await expect(toggle).toBeChecked();
    await expect(toggle).toBeDisabled();
    await expect(page.getByText(NOTICE).first()).toBeVisible();
    await expectAccessible(page, testInfo, 'customer record (card reseller)');
    await keepScreenshot(page, testInfo, 'record-card');
  });

  test('switches freely for the cash reseller', async ({ page }, testInfo) => {
    await openCustomers(page, 'reseller.cash@demo.example');
    await page.getByLabel('Search customers').fill('blue harbor');
    await expect(page.getByText('1 customer', { exact: true })).toBeVisible();
    await grid(page).getByRole('link', { name: 'Blue Harbor Trading Ltd' }).click();
    const toggle = page.getByRole('switch', { name: 'Order approval required' });
    await expect(toggle).toBeChecked();
    await expect(toggle).toBeEnabled();
    await toggle.click({ force: true });
    await expect(page.getByText('Orders of Blue Harbor Trading Ltd no longer need approval.')).toBeVisible();
    await expect(toggle).not.toBeChecked();
    await keepScreenshot(page, testInfo, 'record-cash');
    await toggle.click({ force: true });
    await expect(page.getByText('Orders of Blue Harbor Trading Ltd now need your approval.')).toBeVisible();
    await expect(toggle).toBeChecked();
  });
});

test('the distributor sees every reseller’s customers, read-only, and filters by reseller', async ({ page }, testInfo) => {
  await openCustomers(page, 'distributor@demo.example');
  await expect(page.getByText(/^26\d customers$/)).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Reseller' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New customer' })).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Actions' })).toHaveCount(0);
  await page.getByPlaceholder('All resellers').click();
  await page.getByRole('option', { name: 'Depot Digital' }).click();
  await expect(page).toHaveURL(/reseller=/);
  await expect(page.getByText(/^7\d customers$/)).toBeVisible();
  await expectAccessible(page, testInfo, 'distributor customers');
  await keepScreenshot(page, testInfo, 'customers-distributor');
  await grid(page).getByRole('link').first().click();
  const information = page.getByRole('region', { name: 'Information' });
  await expect(information.getByRole('term').filter({ hasText: 'City' })).toBeVisible();
  await expect(information.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Update' })).toHaveCount(0);
  // The record's sections have loaded (the orders grid is a lazy chunk) before it is checked.
  await expect(page.getByRole('region', { name: 'Orders' }).getByText(/^\d+ orders?$|no orders yet/)).toBeVisible();
  await expectAccessible(page, testInfo, 'customer record (distributor)');
});
