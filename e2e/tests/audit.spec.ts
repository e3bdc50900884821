import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

const grid = (page: Page) => page.getByRole('treegrid').or(page.getByRole('grid'));
const CUSTOMER = 'Blue Harbor Trading Ltd';

async function editCity(page: Page, city: string): Promise<string> {
  await page.getByRole('link', { name: /customers/i }).first().click();
  await page.getByLabel('Search customers').fill('blue harbor');
  await expect(page.getByText('1 customer', { exact: true })).toBeVisible();
  await grid(page).getByRole('link', { name: CUSTOMER }).click();
  await expect(page.getByRole('heading', { level: 1, name: CUSTOMER })).toBeVisible();
  // The main address's city (a delivery address may have one too).
  const field = page.getByLabel(/^City/).first();
  const before = await field.inputValue();
  await field.fill(city);
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(page.getByText('The customer information was updated.')).toBeVisible();
  return before;
}

test.describe('the audit log', () => {
  test('a reseller edits a customer, then finds the change with its before → after values and filters by customer', async ({ page }, testInfo) => {
    await signIn(page, 'reseller.cash@demo.example');
    const before = await editCity(page, 'Kalamata');

    // The record's own history shows the change at once.
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByRole('button', { name: 'Customer updated' }).first()).toBeVisible();
    await expect(history.getByText(`City: ${before} → Kalamata`)).toBeVisible();

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    await expect(page.getByText(/^\d[\d,]* events?$/)).toBeVisible();
    const row = grid(page).getByRole('row').filter({ hasText: 'Kalamata' }).first();
    await expect(row).toContainText('Customer updated');
    await expect(row).toContainText(CUSTOMER);
    await expect(row).toContainText(`City: ${before} → Kalamata`);
    await expect(row).toContainText('Casey Cash');
    await expectAccessible(page, testInfo, 'audit log');
    await keepScreenshot(page, testInfo, 'audit-log-1366');

    // The details: who, what before → after, when, from where.
    await row.getByRole('button', { name: /Details: Customer updated/ }).click();
    const details = page.getByRole('dialog', { name: 'Customer updated' });
    await expect(details.getByRole('table', { name: 'Changed fields' }).getByRole('row', { name: `City ${before} Kalamata` })).toBeVisible();
    await expect(details.getByText('reseller.cash@demo.example')).toBeVisible();
    await expect(details.getByText(/127\.0\.0\.1|::1/)).toBeVisible();
    await expect(details.getByText(/Chrom/)).toBeVisible();
    await keepScreenshot(page, testInfo, 'audit-details-1366');
    await page.keyboard.press('Escape');

    // Filter by another customer: the change is not there; by this one: it is, and the URL keeps it.
    const picker = page.getByRole('combobox', { name: 'Customer' });
    await picker.click();
    await page.getByRole('option').filter({ hasNotText: CUSTOMER }).first().click();
    await expect(page).toHaveURL(/customer=[0-9a-f]{24}/);
    await expect(grid(page).getByRole('row').filter({ hasText: 'Kalamata' })).toHaveCount(0);
    await picker.fill('blue harbor');
    await page.getByRole('option', { name: CUSTOMER }).click();
    await expect(grid(page).getByRole('row').filter({ hasText: 'Kalamata' }).first()).toBeVisible();
    await expect(grid(page).locator('[col-id="customer"][role="gridcell"]').first()).toHaveText(CUSTOMER);

    // Action and date filters join it; a reload keeps the view.
    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Customer updated' }).click();
    // The days are typed and shown in the user's own date format (Casey's is DD/MM/YYYY).
    const today = new Date();
    const [dd, mm, yyyy] = [String(today.getDate()).padStart(2, '0'), String(today.getMonth() + 1).padStart(2, '0'), String(today.getFullYear())];
    const day = `${yyyy}-${mm}-${dd}`;
    await page.getByRole('textbox', { name: 'From', exact: true }).fill(`${dd}/${mm}/${yyyy}`);
    await expect(page).toHaveURL(new RegExp(`from=${day}`));
    await page.getByRole('textbox', { name: 'To', exact: true }).fill(`${dd}/${mm}/${yyyy}`);
    await expect(page).toHaveURL(/action=customer\.updated/);
    await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}|to=${day}.*from=${day}`));
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Customer' })).toHaveValue(CUSTOMER);
    await expect(page.getByRole('textbox', { name: 'From', exact: true })).toHaveValue(`${dd}/${mm}/${yyyy}`);
    await expect(grid(page).getByRole('row').filter({ hasText: 'Kalamata' }).first()).toBeVisible();
    await expect(page.getByText(/^\d+ events?$/)).toBeVisible();

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    await keepScreenshot(page, testInfo, 'audit-log-390');
  });

  test('an order decided by the distributor shows in its audit trail, with where it came from', async ({ page }) => {
    await signIn(page, 'distributor@demo.example');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Orders in progress' }).click();
    const firstLink = grid(page).getByRole('link').first();
    const number = (await firstLink.textContent())!;
    await firstLink.click();
    await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
    const trail = page.getByRole('region', { name: 'Audit trail' });
    await expect(trail).toBeVisible();
    await page.getByRole('button', { name: 'Mark executed' }).click();
    // The decision's answer first: early in the run it waits behind the fresh demo's start-up work
    // (a CI run on a slow machine saw it take over the 10 s a look waits).
    const decided = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/orders\/[0-9a-f]{24}\/mark-executed$/.test(r.url()), { timeout: 60_000 });
    await page.getByRole('dialog').getByRole('button', { name: 'Mark executed' }).click();
    expect((await decided).status()).toBe(200);
    await expect(trail.getByRole('button', { name: 'Order executed' })).toBeVisible();
    await expect(trail.getByText('Status: in progress → executed')).toBeVisible();
    await expect(trail.getByText(/Dana Distributor · .* · (127\.0\.0\.1|::1)/)).toBeVisible();

    // The distributor's log says whose each event is, and narrows to one reseller.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('combobox', { name: 'Reseller' }).click();
    await page.getByRole('option', { name: 'Cashmere Cloud Partners' }).click();
    await expect(page).toHaveURL(/reseller=[0-9a-f]{24}/);
    const resellerCells = grid(page).locator('[col-id="reseller"][role="gridcell"]');
    await expect(resellerCells.first()).toHaveText('Cashmere Cloud Partners');
    await expect(resellerCells.filter({ hasNotText: 'Cashmere Cloud Partners' })).toHaveCount(0);
  });

  test('a storefront user has no audit log', async ({ page }) => {
    await signIn(page, 'buyer@demo.example');
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    await page.goto('/storefront/audit-log');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    const status = await page.evaluate(async () => (await fetch('/api/audit-events')).status);
    expect(status).toBe(403);
  });
});
