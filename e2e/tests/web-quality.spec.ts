import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from '../fixtures/auth.js';

/** Signs in and waits until the app has left the sign-in page (the session cookie is set by then). */
async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).not.toHaveURL(/sign-in/);
}

/** A customer of the cash reseller, found through the API as that reseller. */
async function cashCustomer(browser: Browser, pick: (c: { id: string; companyName: string; active: boolean }) => boolean) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'reseller.cash@demo.example');
  await expect(page).not.toHaveURL(/sign-in/);
  const list = await (await page.request.get('/api/customers?limit=200')).json();
  await page.context().close();
  return (list.items as { id: string; companyName: string; active: boolean }[]).find(pick)!;
}

test('a deep link opened while signed out is where the person lands after signing in, and stays', async ({ browser, page }) => {
  const customer = await cashCustomer(browser, (c) => c.active);
  await page.goto(`/reseller/customers/${customer.id}`);
  await expect(page).toHaveURL(/\/sign-in\?/);
  await page.getByLabel(/^Email/).fill('reseller.cash@demo.example');
  await page.getByLabel(/^Password/).fill('Demo-Password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: customer.companyName })).toBeVisible();
  // It used to jump to the area's home a moment later.
  await page.waitForTimeout(1500);
  await expect(page).toHaveURL(new RegExp(`/reseller/customers/${customer.id}$`));
});

test('a refused password is cleared, the email kept', async ({ page }) => {
  await signIn(page, 'reseller.cash@demo.example', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('Email or password is incorrect.');
  await expect(page.getByLabel(/^Password/)).toHaveValue('');
  await expect(page.getByLabel(/^Email/)).toHaveValue('reseller.cash@demo.example');
});

test('an inactive customer is marked inactive in the grid', async ({ browser, page }) => {
  const inactive = await cashCustomer(browser, (c) => !c.active);
  await signedIn(page, 'reseller.cash@demo.example');
  await page.getByRole('link', { name: 'My customers' }).click();
  await page.getByLabel('Search customers').fill(inactive.companyName);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: inactive.companyName }) });
  await expect(row.getByText('Inactive', { exact: true })).toBeVisible();
});

test('Manage services opens the distributor’s workspace in a new tab and leaves the admin where it was', async ({ browser, page, context }) => {
  const customer = await cashCustomer(browser, (c) => c.active);
  // The workspace is another site; answer for it here so no request leaves the machine.
  await context.route('https://workspace.northwind.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Workspace</title>' }));
  await signedIn(page, 'reseller.cash@demo.example');
  await page.goto(`/reseller/customers/${customer.id}`);
  await page.getByRole('button', { name: 'Actions' }).click();
  const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('menuitem', { name: 'Manage services' }).click()]);
  await expect.poll(() => tab.url()).toMatch(/^https:\/\/workspace\.northwind\.example\/sso\/services\?customer=[0-9a-f]{24}&token=/);
  await expect(page).toHaveURL(new RegExp(`/reseller/customers/${customer.id}$`));
});

test('unsaved edits of a record are not dropped without asking', async ({ browser, page }) => {
  const customer = await cashCustomer(browser, (c) => c.active);
  await signedIn(page, 'reseller.cash@demo.example');
  await page.goto(`/reseller/customers/${customer.id}`);
  await page.getByLabel(/^City/).fill('Patras');
  await page.getByRole('link', { name: 'My customers' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(new RegExp(`/reseller/customers/${customer.id}$`));
  await expect(page.getByLabel(/^City/)).toHaveValue('Patras');
  await page.getByRole('link', { name: 'My customers' }).click();
  await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page).toHaveURL(/\/reseller\/customers$/);
});

test('loading the app warns about nothing in the console', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && /HydrateFallback/.test(m.text())) warnings.push(m.text());
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.goto('/reseller');
  await expect(page).toHaveURL(/sign-in/);
  expect(warnings).toEqual([]);
});
