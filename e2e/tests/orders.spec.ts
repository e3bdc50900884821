import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

// Two or three people's pages each: on a busy machine a journey takes more than the default minute.
test.describe.configure({ timeout: 120_000 });

const opened: BrowserContext[] = [];
// Each person's page polls the live counts: close them all, or they load the server for later tests.
test.afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

/** A signed-in page of its own (its own cookies), as a second person at another computer would have. */
async function personAt(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  opened.push(context);
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/sign-in/);
  return page;
}

/** Places an order as the signed-in storefront user through the API the storefront uses. */
async function placeOrder(page: Page, quantity = 2) {
  const catalogue = await (await page.request.get('/api/catalogue')).json();
  const product = catalogue.items.find((p: { provisioning: string }) => p.provisioning === 'automatic');
  const res = await page.request.post('/api/orders', {
    headers: { 'x-csrf-protection': '1' },
    data: { idempotencyKey: `e2e${Date.now()}${Math.random().toString(36).slice(2)}`, lines: [{ productId: product.id, quantity }] },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; number: string; status: string };
}

const waitingBadge = (page: Page) => page.getByTestId('nav-count-Approvals');

test('a buyer’s order reaches the reseller live, is accepted in Approvals, and the buyer sees its new status', async ({ browser }, testInfo) => {
  const reseller = await personAt(browser, 'reseller.cash@demo.example');
  await reseller.goto('/reseller/customers');
  await expect(waitingBadge(reseller)).toBeVisible();
  const before = Number.parseInt((await waitingBadge(reseller).textContent()) ?? '', 10);

  const buyer = await personAt(browser, 'buyer@demo.example');
  const order = await placeOrder(buyer);
  expect(order.status).toBe('pending_approval');

  // No reload: the navigation's count follows the database within seconds.
  await expect(waitingBadge(reseller)).toHaveText(`${before + 1} waiting`, { timeout: 8_000 });

  await reseller.getByRole('link', { name: /Approvals/ }).click();
  const card = reseller.getByRole('article', { name: `Order ${order.number}` });
  // Oldest first: the new order is on a later page of the queue.
  const more = reseller.getByRole('button', { name: 'Show more' });
  await expect(reseller.getByRole('article').first()).toBeVisible();
  const cards = reseller.getByRole('article');
  while ((await card.count()) === 0 && (await more.isVisible())) {
    const shown = await cards.count();
    await more.click();
    await expect.poll(() => cards.count()).toBeGreaterThan(shown);
  }
  await card.scrollIntoViewIfNeeded();
  await expect(card).toContainText('Blue Harbor Trading Ltd');
  await expect(card).toContainText('Margin');
  await expectAccessible(reseller, testInfo, 'approvals');
  await keepScreenshot(reseller, testInfo, 'approvals');
  await card.getByRole('button', { name: 'Accept' }).click();
  await reseller.getByRole('dialog').getByLabel('Note for the customer (optional)').fill('Thank you, on its way.');
  await reseller.getByRole('dialog').getByRole('button', { name: 'Accept' }).click();
  await expect(reseller.getByText(`Order ${order.number} accepted.`)).toBeVisible();
  await expect(card).toHaveCount(0);
  await expect(waitingBadge(reseller)).toHaveText(`${before} waiting`);

  await buyer.goto(`/storefront/orders/${order.id}`);
  await expect(buyer.getByRole('heading', { name: `Order ${order.number}` })).toBeVisible();
  await expect(buyer.getByText('Executed').first()).toBeVisible();
  await expect(buyer.getByText('“Thank you, on its way.”')).toBeVisible();
  // The buyer sees prices, never cost.
  await expect(buyer.getByText('Total cost')).toHaveCount(0);
  await expectAccessible(buyer, testInfo, 'order page (storefront)');
  await keepScreenshot(buyer, testInfo, 'order-storefront');
});

test('the cash reseller switches approval off for a customer, whose next order then needs none', async ({ browser }) => {
  const reseller = await personAt(browser, 'reseller.cash@demo.example');
  await reseller.goto('/reseller/customers');
  await reseller.getByLabel('Search customers').fill('blue harbor');
  // Once the search has answered: a row clicked while the grid redraws for it loses the click.
  await expect(reseller.getByText('1 customer', { exact: true })).toBeVisible();
  await reseller.getByRole('grid').getByRole('link', { name: 'Blue Harbor Trading Ltd' }).click();
  const toggle = reseller.getByRole('switch', { name: 'Order approval required' });
  await expect(toggle).toBeChecked();
  await toggle.click({ force: true });
  await expect(reseller.getByText('Orders of Blue Harbor Trading Ltd no longer need approval.')).toBeVisible();

  const buyer = await personAt(browser, 'buyer@demo.example');
  const order = await placeOrder(buyer, 1);
  expect(order.status).toBe('executed');

  // The record's Orders section lists it, placed by the customer.
  await reseller.reload();
  await reseller.getByLabel('Search orders').fill(order.number);
  // The orders section's link (the record's timeline lists the order too).
  await expect(reseller.locator('#orders').getByRole('link', { name: order.number })).toBeVisible();
  await reseller.getByRole('switch', { name: 'Order approval required' }).click({ force: true });
  await expect(reseller.getByText('Orders of Blue Harbor Trading Ltd now need your approval.')).toBeVisible();
});

test('the distributor marks an in-progress order executed, and the customer’s run rate takes it', async ({ browser }, testInfo) => {
  const distributor = await personAt(browser, 'distributor@demo.example');
  await distributor.goto('/distributor/orders-in-progress');
  const firstLink = distributor.getByRole('grid').getByRole('link').first();
  await expect(firstLink).toBeVisible();
  await expectAccessible(distributor, testInfo, 'orders in progress');
  await keepScreenshot(distributor, testInfo, 'orders-in-progress');
  const number = (await firstLink.textContent())!;
  await firstLink.click();
  await expect(distributor.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
  const order = await (await distributor.request.get(`/api/orders/${distributor.url().split('/').pop()}`)).json();
  const runRate = async () => (await (await distributor.request.get(`/api/customers/${order.customerId}`)).json()).monthlyRunRate as number;
  const before = await runRate();

  await distributor.getByRole('button', { name: 'Mark executed' }).click();
  await distributor.getByRole('dialog').getByRole('button', { name: 'Mark executed' }).click();
  await expect(distributor.getByText(`Order ${number} marked executed.`)).toBeVisible();
  await expect(distributor.getByText('Executed').first()).toBeVisible();
  const monthly = order.lines.filter((l: { billing: string }) => l.billing === 'monthly').reduce((s: number, l: { amount: number }) => s + l.amount, 0);
  await expect.poll(runRate).toBeCloseTo(before + monthly, 2);
});

test('searching customers by an order number opens the customer with that order shown', async ({ browser }) => {
  const reseller = await personAt(browser, 'reseller.cash@demo.example');
  const list = await (await reseller.request.get('/api/orders?limit=1&status=executed')).json();
  const { number, customerName } = list.items[0] as { number: string; customerName: string };
  await reseller.goto('/reseller/customers');
  await reseller.getByLabel('Search customers').fill(number);
  await expect(reseller.getByText('1 customer', { exact: true })).toBeVisible();
  await reseller.getByRole('grid').getByRole('link', { name: customerName }).click();
  await expect(reseller).toHaveURL(new RegExp(`\\?order=${number}#orders$`));
  await expect(reseller.getByLabel('Search orders')).toHaveValue(number);
  await expect(reseller.getByRole('grid').getByRole('link', { name: number })).toBeVisible();
});

test('the reseller places an order on a customer’s behalf, which needs no approval', async ({ browser }, testInfo) => {
  const reseller = await personAt(browser, 'reseller.cash@demo.example');
  await reseller.goto('/reseller/customers');
  await reseller.getByLabel('Search customers').fill('blue harbor');
  await expect(reseller.getByText('1 customer', { exact: true })).toBeVisible();
  await reseller.getByRole('grid').getByRole('link', { name: 'Blue Harbor Trading Ltd' }).click();
  await reseller.getByRole('button', { name: 'New order' }).click();
  const dialog = reseller.getByRole('dialog', { name: 'New order for Blue Harbor Trading Ltd' });
  await dialog.getByLabel(/^Quantity of /).first().fill('3');
  await expectAccessible(reseller, testInfo, 'new order for a customer');
  await dialog.getByRole('button', { name: 'Place order' }).click();
  await expect(reseller).toHaveURL(/\/reseller\/orders\/[0-9a-f]{24}$/);
  await expect(reseller.getByText(/placed .* by Cashmere Cloud Partners \(reseller\)/)).toBeVisible();
  await expect(reseller.getByText('Pending reseller approval')).toHaveCount(0);
});
