import ExcelJS from 'exceljs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { signIn } from '../fixtures/auth.js';

/** The downloaded workbook's data rows (header excluded), read with exceljs as a spreadsheet would. */
async function rowsOf(download: Download) {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as never);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const rows: Record<string, unknown>[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const values = (sheet.getRow(n).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [String(h), values[i]])));
  }
  return { header, rows };
}

/** What the grid's own list answers for the same view (every page). */
async function listed(page: Page, query: string) {
  const items: { number: string }[] = [];
  let cursor: string | null = null;
  do {
    const res = await page.request.get(`/api/orders?limit=200&${query}${cursor ? `&cursor=${cursor}` : ''}`);
    const body = (await res.json()) as { items: { number: string }[]; nextCursor: string | null };
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items.map((o) => o.number);
}

test('the Excel button of an orders grid downloads that grid’s rows, filtered and sorted as shown', async ({ page }) => {
  await signIn(page, 'buyer@demo.example');
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto('/storefront/orders');
  await expect(page.getByText(/^\d+ orders?$/)).toBeVisible({ timeout: 30_000 });
  const all = await page.getByText(/^\d+ orders?$/).textContent();
  await page.getByPlaceholder('Any status').click();
  await page.getByRole('option', { name: 'Executed' }).click();
  await expect(page.getByText(/^\d+ orders?$/)).not.toHaveText(all!);

  const button = page.getByRole('button', { name: 'Export to Excel' });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(/^Orders-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(page.getByText('Your download has started.')).toBeVisible();
  await expect(button).toBeEnabled();

  const { header, rows } = await rowsOf(download);
  expect(header).not.toContain('Total cost');
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.Status === 'Executed')).toBe(true);
  expect(rows.map((r) => r['Order #'])).toEqual(await listed(page, 'status=executed&sort=-orderedAt'));
  const shown = Number((await page.getByText(/^\d+ orders?$/).textContent())!.split(' ')[0]);
  expect(rows).toHaveLength(shown);
});

test('an export the server refuses is shown as a notification, not a broken download', async ({ page }) => {
  await signIn(page, 'reseller.cash@demo.example');
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto('/reseller/approvals');
  const button = page.getByRole('button', { name: 'Export to Excel' });
  await expect(button).toBeVisible({ timeout: 30_000 });
  // The database going away is simulated by answering the check with 503, as the BFF would.
  await page.route('**/api/orders/export.xlsx?*', (route) => (route.request().method() === 'HEAD' ? route.fulfill({ status: 503 }) : route.continue()));
  let downloads = 0;
  page.on('download', () => downloads++);
  await button.click();
  await expect(page.getByText('The export could not start')).toBeVisible();
  await expect(page.getByText('The database is not available right now. Please try again shortly.')).toBeVisible();
  expect(downloads).toBe(0);
});
