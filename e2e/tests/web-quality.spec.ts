import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn, signOut } from '../fixtures/auth.js';

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

test('a text box in focus shows a ring (not only a darker border)', async ({ page }) => {
  await page.goto('/sign-in');
  const email = page.getByLabel(/^Email/);
  const ring = () => email.evaluate((el) => { const s = el.ownerDocument.defaultView!.getComputedStyle(el); return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) }; });
  expect((await ring()).style).toBe('none');
  await email.focus();
  const focused = await ring();
  expect(focused.style).not.toBe('none');
  expect(focused.width).toBeGreaterThanOrEqual(2);
});

test('an inactive customer is marked inactive in the grid', async ({ browser, page }) => {
  const inactive = await cashCustomer(browser, (c) => !c.active);
  await signedIn(page, 'reseller.cash@demo.example');
  await page.getByRole('navigation').getByRole('link', { name: 'My customers' }).click();
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
  // The record's own menu: exactly "Actions" (its storefront users' menus are "Actions for …",
  // and appear as that section answers).
  await page.getByRole('button', { name: 'Actions', exact: true }).click();
  const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('menuitem', { name: 'Manage services' }).click()]);
  await expect.poll(() => tab.url()).toMatch(/^https:\/\/workspace\.northwind\.example\/sso\/services\?customer=[0-9a-f]{24}&token=/);
  await expect(page).toHaveURL(new RegExp(`/reseller/customers/${customer.id}$`));
});

test('unsaved edits of a record are not dropped without asking', async ({ browser, page }) => {
  const customer = await cashCustomer(browser, (c) => c.active);
  await signedIn(page, 'reseller.cash@demo.example');
  await page.goto(`/reseller/customers/${customer.id}`);
  // The main address's city (a delivery address may have one too).
  await page.getByLabel(/^City/).first().fill('Patras');
  await page.getByRole('navigation').getByRole('link', { name: 'My customers' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(new RegExp(`/reseller/customers/${customer.id}$`));
  await expect(page.getByLabel(/^City/).first()).toHaveValue('Patras');
  await page.getByRole('navigation').getByRole('link', { name: 'My customers' }).click();
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

/** The activation links mailed to `email`, newest first (the development mailbox, read as the reseller). */
async function activationLinks(staff: Page, email: string): Promise<string[]> {
  const box = await (await staff.request.get('/api/dev/mail')).json();
  return (box.items as { to: string; text: string; createdAt: string }[])
    .filter((m) => m.to === email)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((m) => /\/activate\?token=[A-Za-z0-9_-]+/.exec(m.text)?.[0])
    .filter((l): l is string => Boolean(l));
}

test('a dead activation link is said as the page opens, and a pending user gets a fresh link by themselves', async ({ browser, page }) => {
  const customer = await cashCustomer(browser, (c) => c.active);
  const email = `pending.${Date.now()}@example.test`;
  await signedIn(page, 'reseller.cash@demo.example');
  const added = await page.request.post(`/api/customers/${customer.id}/storefront-users`, {
    headers: { 'x-csrf-protection': '1' },
    data: { firstName: 'Pia', lastName: 'Pending', email, language: 'en', dateFormat: 'DD/MM/YYYY' },
  });
  expect(added.status()).toBe(201);
  const [first] = await activationLinks(page, email);

  const user = await (await browser.newContext()).newPage();
  // A made-up link: said at once, no password asked for.
  await user.goto('/activate?token=' + 'x'.repeat(43));
  await expect(user.getByRole('alert')).toContainText('This link no longer works');
  await expect(user.getByLabel(/^New password/)).toHaveCount(0);

  // The pending user asks for a new link; the answer is the same as for an unknown address.
  await user.getByRole('link', { name: 'Get a new activation link' }).click();
  await expect(user.getByRole('heading', { name: 'Get a new activation link' })).toBeVisible();
  await user.getByLabel(/^Email/).fill(email);
  await user.getByRole('button', { name: 'Send the link' }).click();
  await expect(user.getByRole('status')).toContainText('If an account uses that email, a link is on its way');
  await expect.poll(async () => (await activationLinks(page, email)).length).toBe(2);
  const [fresh] = await activationLinks(page, email);

  // The first link stopped working when the new one was sent: said before any typing.
  await user.goto(first!);
  await expect(user.getByRole('alert')).toContainText('This link no longer works');
  await user.goto(fresh!);
  await user.getByLabel(/^New password/).fill('Pending-Pass-2026');
  await user.getByLabel(/^Repeat the password/).fill('Pending-Pass-2026');
  await user.getByRole('button', { name: 'Activate and continue' }).click();
  await expect(user.getByText('Your password is set. Sign in with it now.')).toBeVisible();
  await user.context().close();
});

test('a signed-out page logs no failed request in the console', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.goto('/forgot-password');
  await expect(page.getByRole('button', { name: 'Send the link' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('grid filters are the server’s, live in the URL and go with the export', async ({ page }) => {
  await signedIn(page, 'reseller.cash@demo.example');
  const inactive = (await (await page.request.get('/api/customers?limit=1&active=no&total=1')).json()).total as number;
  expect(inactive).toBeGreaterThan(0);
  await page.goto('/reseller/customers');
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Inactive' }).click();
  await expect(page).toHaveURL(/[?&]active=no/);
  await expect(page.getByText(`${inactive} ${inactive === 1 ? 'customer' : 'customers'}`, { exact: true })).toBeVisible();
  await expect(page.locator('.ag-row[row-index="0"] [col-id="companyName"]')).toContainText('Inactive');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to Excel' }).click()]);
  expect(download.url()).toMatch(/[?&]active=no/);
  await page.reload();
  await expect(page.getByText(`${inactive} ${inactive === 1 ? 'customer' : 'customers'}`, { exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('Inactive');
});

test('the column chooser’s choice is kept for that user, not for the next one', async ({ page }) => {
  await signedIn(page, 'reseller.cash@demo.example');
  await page.goto('/reseller/customers');
  await expect(page.getByRole('columnheader', { name: 'Phone' })).toBeVisible();
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Phone' }).uncheck();
  await expect(page.getByRole('columnheader', { name: 'Phone' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('columnheader', { name: 'City' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Phone' })).toHaveCount(0);
  await signOut(page, 'Casey Cash');
  await signedIn(page, 'reseller.card@demo.example');
  await page.goto('/reseller/customers');
  await expect(page.getByRole('columnheader', { name: 'Phone' })).toBeVisible();
});

test('back from a record returns to the grid’s search, sort and scroll; the navigation link keeps them', async ({ page }) => {
  await signedIn(page, 'reseller.cash@demo.example');
  await page.goto('/reseller/customers?q=a&sort=-monthlyRunRate');
  await expect(page.locator('.ag-row[row-index="0"]').first()).toBeVisible();
  await page.locator('.ag-row[row-index="3"]').first().hover();
  await page.mouse.wheel(0, 44 * 40);
  await expect(page.locator('.ag-row[row-index="42"]')).toBeInViewport();
  await page.waitForTimeout(400); // the grid reports where it is once scrolling ends
  const link = page.locator('.ag-row[row-index="42"] [col-id="companyName"] a');
  const name = (await link.textContent())!;
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  const backAtRow42 = async () => {
    await expect(page).toHaveURL(/\/reseller\/customers\?q=a&sort=-monthlyRunRate$/);
    await expect(page.getByLabel('Search customers')).toHaveValue('a');
    await expect(page.locator('.ag-row[row-index="42"] [col-id="companyName"] a')).toBeInViewport();
    await expect(page.locator('.ag-row[row-index="42"] [col-id="companyName"] a')).toHaveText(name);
  };
  await page.getByRole('link', { name: 'Customers' }).first().click();
  await backAtRow42();

  await page.locator('.ag-row[row-index="42"] [col-id="companyName"] a').click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.goBack();
  await backAtRow42();

  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'My customers' }).click();
  await backAtRow42();
});

test.describe('on a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the name column stays while the others scroll, storefront users need no sideways scrolling, the navigation sits behind a burger', async ({ page }) => {
    await signedIn(page, 'reseller.cash@demo.example');
    const navLink = page.getByRole('navigation').getByRole('link', { name: 'My customers' });
    await expect(navLink).not.toBeInViewport();
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await navLink.click();
    await expect(navLink).not.toBeInViewport();
    await expect(page).toHaveURL(/\/reseller\/customers/);

    // AG Grid 36 keeps pinned cells in their own container.
    await expect(page.locator('.ag-grid-pinned-left-cells [role="columnheader"][col-id="companyName"]')).toHaveText(/Company name/);
    const firstName = page.locator('.ag-row[row-index="0"] [col-id="companyName"] a');
    await expect(firstName).toBeVisible();
    await page.locator('.ag-root-wrapper').scrollIntoViewIfNeeded();
    // Scrolled all the way right: the last column shows, the name is still there.
    await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((e) => (e.scrollLeft = e.scrollWidth));
    await expect(page.getByRole('columnheader', { name: 'Actions' })).toBeInViewport();
    await expect(firstName).toBeInViewport();

    await page.getByLabel('Search customers').fill('Blue Harbor');
    // The grid answers the search before the row is clicked: a row of the page before the answer
    // is replaced under the click, which then goes nowhere.
    await expect(page.getByText(/^1 customer$/)).toBeVisible();
    await page.getByRole('link', { name: 'Blue Harbor Trading Ltd' }).click();
    await expect(page).toHaveURL(/\/reseller\/customers\/[0-9a-f]{24}/);
    const section = page.getByRole('region', { name: 'Storefront users' });
    const actions = section.getByRole('button', { name: 'Actions for Bea Buyer' });
    await actions.scrollIntoViewIfNeeded();
    await expect(actions).toBeInViewport({ ratio: 1 });
    await expect(section.getByText('Pending activation').first()).toBeInViewport({ ratio: 1 });
    expect(await page.locator('html').evaluate((e) => e.scrollWidth)).toBeLessThanOrEqual(390);
  });
  test('the customers start within the first screen, and an order’s lines show quantity, price and amount without a sideways scroll', async ({ page }) => {
    await signedIn(page, 'reseller.cash@demo.example');
    await page.goto('/reseller/customers');
    const grid = page.getByRole('treegrid').or(page.getByRole('grid'));
    await expect(grid.getByRole('link').first()).toBeInViewport();

    const { items } = (await (await page.request.get('/api/orders?limit=1&status=executed')).json()) as { items: { id: string }[] };
    await page.goto(`/reseller/orders/${items[0]!.id}`);
    const lines = page.getByRole('list', { name: 'Lines' });
    await expect(lines.getByRole('listitem').first()).toBeVisible();
    await lines.scrollIntoViewIfNeeded();
    await expect(lines.getByLabel(/^Quantity \d+, Unit price/).first()).toBeInViewport();
    await expect(lines.getByLabel(/^Amount /).first()).toBeInViewport();
    expect(await page.locator('html').evaluate((e) => e.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
