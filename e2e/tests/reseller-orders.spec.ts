import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

// One reseller signs in once; the tests below follow on from each other on its page.
test.describe.configure({ mode: 'serial' });
let page: Page;
let context: BrowserContext;
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  page = await context.newPage();
  await signIn(page, 'reseller.cash@demo.example');
  await expect(page).not.toHaveURL(/sign-in/);
});
test.afterAll(async () => context.close());

const count = () => page.getByText(/^[\d,]+ orders?$/);

let overview: { ordersInProgress: number; ordersTotal: number };

test('the home cards "Orders in progress" and "All orders" open the Orders page, filtered', async ({ browserName: _browser }, testInfo) => {
  overview = await (await page.request.get('/api/overview')).json();
  await page.goto('/reseller');
  await page.getByRole('link', { name: 'Open orders in progress' }).click();
  await expect(page).toHaveURL(/\/reseller\/orders\?status=in_progress$/);
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('In progress');
  await expect(count()).toHaveText(`${overview.ordersInProgress} ${overview.ordersInProgress === 1 ? 'order' : 'orders'}`);

  await page.goto('/reseller');
  await page.getByRole('link', { name: 'Open all orders' }).click();
  await expect(page).toHaveURL(/\/reseller\/orders$/);
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Orders', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(count()).toHaveText(`${overview.ordersTotal.toLocaleString('en')} orders`);
  await expectAccessible(page, testInfo, 'reseller orders');
});

test('the Orders page filters by who placed it and by customer, keeps the view in the URL, and exports that view', async ({ browserName: _browser }, testInfo) => {
  await page.goto('/reseller/orders');

  // Orders Blue Harbor placed itself in the storefront: the same answer as the API's for that view.
  await page.getByRole('combobox', { name: 'Placed by' }).click();
  await page.getByRole('option', { name: 'Customer (storefront)' }).click();
  await page.getByRole('combobox', { name: 'Customer' }).fill('Blue Harbor');
  await page.getByRole('option', { name: 'Blue Harbor Trading Ltd' }).click();
  await expect(page).toHaveURL(/by=customer/);
  await expect(page).toHaveURL(/customer=[0-9a-f]{24}/);
  const customerId = new URL(page.url()).searchParams.get('customer');
  const expected = await (await page.request.get(`/api/orders?limit=1&total=1&placedBy=customer&customerId=${customerId}`)).json();
  expect(expected.total).toBeGreaterThan(0);
  await expect(count()).toHaveText(`${expected.total} ${expected.total === 1 ? 'order' : 'orders'}`);
  const grid = page.getByRole('grid');
  await expect(grid.getByRole('link', { name: expected.items[0].number })).toBeVisible();
  await expect(grid.getByRole('img', { name: /Placed by the reseller/ })).toHaveCount(0);
  await keepScreenshot(page, testInfo, 'reseller-orders-filtered');

  // The view is in the URL: a reload shows it again.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Customer' })).toHaveValue('Blue Harbor Trading Ltd');
  await expect(count()).toHaveText(`${expected.total} ${expected.total === 1 ? 'order' : 'orders'}`);

  // Export: the same view.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to Excel' }).click()]);
  expect(download.url()).toContain(`customerId=${customerId}`);
  expect(download.url()).toContain('placedBy=customer');

});

test('a period with no orders says so; Clear filters brings every order back', async () => {
  await page.goto('/reseller/orders?by=customer');
  // A period with nothing in it says so, and Clear filters brings every order back.
  // Each day lands in the URL before the next is typed (two changes of the URL in one moment keep only the last).
  await page.getByRole('textbox', { name: 'From', exact: true }).fill('01/01/2001');
  await expect(page).toHaveURL(/from=2001-01-01/);
  await page.getByRole('textbox', { name: 'To', exact: true }).fill('31/01/2001');
  await expect(page).toHaveURL(/to=2001-01-31/);
  await expect(page.getByText('No order matches these filters')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/reseller\/orders$/);
  await expect(count()).toHaveText(`${overview.ordersTotal.toLocaleString('en')} orders`);
});

test('an order page returns to where it was opened from: the filtered Orders page, a customer record, Approvals', async () => {
  const main = page.getByRole('main');
  await page.goto('/reseller/orders?status=executed&sort=-totalAmount');
  const first = main.getByRole('grid').getByRole('link').first();
  await expect(first).toBeVisible();
  const number = (await first.textContent())!;
  await first.click();
  await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
  const order = await (await page.request.get(`/api/orders/${page.url().split('/').pop()}`)).json();
  await main.getByRole('link', { name: 'Back to Orders' }).click();
  await expect(page).toHaveURL(/\/reseller\/orders\?status=executed&sort=-totalAmount$/);
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('Executed');

  // From a customer's record, back to that record.
  await page.goto(`/reseller/customers/${order.customerId}`);
  await page.getByLabel('Search orders').fill(number);
  // The search's answer re-renders the rows: a click landing while a row is replaced is lost.
  await expect(page.locator('#orders').getByText('1 order', { exact: true })).toBeVisible();
  await page.locator('#orders').getByRole('grid').getByRole('link', { name: number }).click();
  await main.getByRole('link', { name: `Back to ${order.customerName}` }).click();
  await expect(page).toHaveURL(new RegExp(`/reseller/customers/${order.customerId}$`));
  await expect(page.getByRole('heading', { level: 1, name: order.customerName })).toBeVisible();

  // From Approvals, back to Approvals.
  await page.goto('/reseller/approvals');
  await main.getByRole('article').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /^Order / })).toBeVisible();
  await main.getByRole('link', { name: 'Back to Approvals' }).click();
  await expect(page).toHaveURL(/\/reseller\/approvals$/);
});

test('Approvals sorts by amount, selects every order shown at once, and keeps its bulk bar in view', async () => {
  await page.goto('/reseller/approvals');
  await expect(page.getByRole('article').first()).toBeVisible();
  await page.getByRole('combobox', { name: 'Sort' }).click();
  await page.getByRole('option', { name: 'Largest amount' }).click();
  await expect(page).toHaveURL(/sort=-totalAmount/);
  const sorted = (await (await page.request.get('/api/orders?status=pending_approval&sort=-totalAmount&limit=2')).json()).items as { number: string }[];
  await expect(page.getByRole('article').nth(0)).toHaveAccessibleName(`Order ${sorted[0]!.number}`);
  await expect(page.getByRole('article').nth(1)).toHaveAccessibleName(`Order ${sorted[1]!.number}`);

  const bar = page.getByRole('region', { name: 'Selection' });
  await bar.getByRole('checkbox', { name: /^Select all \d+ shown$/ }).check();
  const shown = await page.getByRole('article').count();
  await expect(bar.getByText(`${shown} selected`)).toBeVisible();
  await page.getByRole('article').last().scrollIntoViewIfNeeded();
  await expect(bar.getByRole('button', { name: 'Accept selected' })).toBeInViewport();
  await bar.getByRole('checkbox').uncheck();
  await expect(bar.getByRole('button', { name: 'Accept selected' })).toHaveCount(0);

  // Cancelling asks first, in the future tense: nothing has happened yet.
  const first = page.getByRole('article').nth(0);
  await first.getByRole('button', { name: 'Cancel order' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('The order will be canceled. This cannot be undone.');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(first).toHaveAccessibleName(`Order ${sorted[0]!.number}`);
});
