import { expect as baseExpect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot } from '../fixtures/a11y.js';
import { DEMO_PASSWORD, signIn } from '../fixtures/auth.js';

const NOTICE = 'The payment method set by your distributor requires order approval for all customers.';
const CASH_RESELLER = 'Cashmere Cloud Partners';
const grid = (page: Page) => page.getByRole('treegrid').or(page.getByRole('grid'));

// Several people and many round trips each, and every reseller page counts its orders (FerretDB
// reads the whole orders collection for that): more than the defaults on a loaded machine.
test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const opened: BrowserContext[] = [];
// Each page polls the live counts: close them all, or they load the server for later tests.
// Then whatever a test changed on the cash reseller is put back, also after a failure or a timeout.
test.afterEach(async ({ request }) => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
  await restoreCashReseller(request);
});

/** A signed-in page of its own (its own cookies), as another person at another computer would have. */
async function personAt(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  opened.push(context);
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/sign-in/);
  return page;
}

/**
 * The e2e database is shared by every spec file of a run: whatever a test changed on the cash
 * reseller is put back through the API as the distributor (suspension lifted, paying by cash).
 */
async function restoreCashReseller(request: APIRequestContext) {
  const headers = { 'x-csrf-protection': '1' };
  expect((await request.post('/api/auth/login', { headers, data: { email: 'distributor@demo.example', password: DEMO_PASSWORD } })).ok()).toBe(true);
  const list = await (await request.get(`/api/resellers?search=${encodeURIComponent(CASH_RESELLER)}`)).json();
  const id = list.items[0].id as string;
  let reseller = await (await request.get(`/api/resellers/${id}`)).json();
  if (reseller.status === 'suspended') reseller = await (await request.post(`/api/resellers/${id}/reinstate`, { headers })).json();
  if (reseller.paymentMethod !== 'cash') {
    await request.put(`/api/resellers/${id}/payment-method`, { headers, data: { paymentMethod: 'cash', revision: reseller.revision } });
  }
  await request.post('/api/auth/logout', { headers });
}

async function openCashReseller(page: Page) {
  await page.getByRole('link', { name: 'Resellers', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Resellers' })).toBeVisible();
  await expect(page.getByText('3 resellers')).toBeVisible();
  await grid(page).getByRole('link', { name: CASH_RESELLER }).click();
  await expect(page.getByRole('heading', { level: 1, name: CASH_RESELLER })).toBeVisible();
}

test('the distributor switches the cash reseller to credit card: its customers pages show the notice and the approval toggles are locked on', async ({ browser }, testInfo) => {
  const distributor = await personAt(browser, 'distributor@demo.example');
  await openCashReseller(distributor);
  await expect(distributor.getByTestId('reseller-approval-notice')).toHaveCount(0);
  await expectAccessible(distributor, testInfo, 'reseller detail');
  await keepScreenshot(distributor, testInfo, 'reseller-detail-cash');

  await distributor.getByRole('button', { name: 'Change payment method' }).click();
  const dialog = distributor.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Credit card' }).check();
  await expect(dialog.getByTestId('payment-consequence')).toContainText("All of this reseller's customers will require order approval.");
  await keepScreenshot(distributor, testInfo, 'payment-method-confirmation');
  await dialog.getByRole('button', { name: 'Switch to credit card' }).click();
  await expect(distributor.getByText(`${CASH_RESELLER} now pays by credit card.`)).toBeVisible();
  await expect(distributor.getByTestId('reseller-approval-notice')).toBeVisible();

  // The distributor's view of its customers carries the notice at once.
  await distributor.getByRole('link', { name: 'Open its customers' }).click();
  await expect(distributor.getByText(NOTICE)).toBeVisible();

  // So does the reseller's own customers page, and every approval toggle is on and locked.
  const reseller = await personAt(browser, 'reseller.cash@demo.example');
  await reseller.getByRole('link', { name: 'My customers' }).first().click();
  await expect(reseller.getByText(NOTICE)).toBeVisible();
  await keepScreenshot(reseller, testInfo, 'customers-cash-after-switch');
  await grid(reseller).getByRole('link').first().click();
  const toggle = reseller.getByRole('switch', { name: 'Order approval required' });
  await expect(toggle).toBeChecked();
  await expect(toggle).toBeDisabled();

  // Back to cash through the same dialog: the notice goes.
  await distributor.goBack();
  await distributor.getByRole('button', { name: 'Change payment method' }).click();
  await distributor.getByRole('dialog').getByRole('radio', { name: 'Cash' }).check();
  await distributor.getByRole('dialog').getByRole('button', { name: 'Switch to cash' }).click();
  await expect(distributor.getByTestId('reseller-approval-notice')).toHaveCount(0);
});

test('the distributor edits a reseller’s details in place: leaving asks first, and each Update saves on the revision it read', async ({ browser }) => {
  const distributor = await personAt(browser, 'distributor@demo.example');
  await openCashReseller(distributor);
  const phone = distributor.getByLabel('Phone');
  const before = await phone.inputValue();
  const changed = before === '+30 210 555 0177' ? '+30 210 555 0188' : '+30 210 555 0177';
  await phone.fill(changed);
  await distributor.getByRole('link', { name: 'Resellers', exact: true }).first().click();
  const dialog = distributor.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toContainText(`Your changes to the details of ${CASH_RESELLER} are not saved yet.`);
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(phone).toHaveValue(changed);

  await distributor.getByRole('button', { name: 'Update', exact: true }).click();
  await expect(distributor.getByText(`The details of ${CASH_RESELLER} were updated.`)).toBeVisible();
  // A second save at once: it must carry the revision the first one answered, or it is refused as stale.
  await phone.fill(before);
  const second = distributor.waitForResponse((r) => r.request().method() === 'PUT' && /\/api\/resellers\/[0-9a-f]{24}$/.test(r.url()));
  await distributor.getByRole('button', { name: 'Update', exact: true }).click();
  expect((await second).status()).toBe(200);
  await expect(distributor.getByText('Someone else changed this reseller')).toHaveCount(0);
  await distributor.reload();
  await expect(phone).toHaveValue(before);
  // Saved: leaving asks nothing.
  await distributor.getByRole('link', { name: 'Resellers', exact: true }).first().click();
  await expect(distributor.getByRole('heading', { level: 1, name: 'Resellers' })).toBeVisible();
});

test('a reseller’s country is chosen from the list of countries, found by typing', async ({ browser }) => {
  const distributor = await personAt(browser, 'distributor@demo.example');
  await openCashReseller(distributor);
  const country = distributor.getByRole('combobox', { name: 'Country' });
  await expect(country).toHaveValue('Greece');
  await country.fill('Atlant');
  await expect(distributor.getByText('No such country')).toBeVisible();
  await country.fill('Germ');
  await distributor.getByRole('option', { name: 'Germany' }).click();
  await expect(country).toHaveValue('Germany');
});

test('the distributor sees a reseller’s staff users and sends the one still waiting a new activation link', async ({ browser }, testInfo) => {
  const distributor = await personAt(browser, 'distributor@demo.example');
  await distributor.getByRole('link', { name: 'Resellers', exact: true }).first().click();
  await grid(distributor).getByRole('link', { name: 'Depot Digital' }).click();
  const section = distributor.getByRole('region', { name: 'Staff users' });
  const pat = section.getByRole('row').filter({ hasText: 'pat.pending@demo.example' });
  await expect(pat).toContainText('Pending activation');
  await expect(pat).toContainText('Never');
  await expect(section.getByRole('row').filter({ hasText: 'reseller.deposit@demo.example' })).toContainText('Active');
  await expect(section.getByRole('button', { name: /new activation link/ })).toHaveCount(1);
  await pat.getByRole('button', { name: 'Send Pat Pending (pat.pending@demo.example) a new activation link' }).click();
  await expect(distributor.getByText('A new activation link was emailed to Pat Pending; the previous one no longer works.')).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await keepScreenshot(distributor, testInfo, 'reseller-staff-1366');
});

test('the distributor suspends and reinstates a reseller: its staff are signed out and refused, then let back in', async ({ browser }, testInfo) => {
  const distributor = await personAt(browser, 'distributor@demo.example');
  const staff = await personAt(browser, 'reseller.cash@demo.example');
  await openCashReseller(distributor);
  await distributor.getByRole('button', { name: 'Suspend reseller' }).click();
  await expect(distributor.getByRole('dialog')).toContainText('Nothing is deleted');
  await distributor.getByRole('dialog').getByRole('button', { name: 'Suspend reseller' }).click();
  await expect(distributor.getByText(`${CASH_RESELLER} is suspended.`)).toBeVisible();
  await expect(distributor.getByText('This reseller is suspended')).toBeVisible();
  await expectAccessible(distributor, testInfo, 'suspended reseller');
  await keepScreenshot(distributor, testInfo, 'reseller-suspended');

  // The reseller's open session ends at its next request; signing in again is refused with a reason.
  await staff.reload();
  await expect(staff).toHaveURL(/sign-in/);
  await signIn(staff, 'reseller.cash@demo.example', DEMO_PASSWORD);
  await expect(staff.getByText('This reseller account is suspended by its distributor. Please contact your distributor.')).toBeVisible();

  // The grid shows it suspended, and the status filter finds it.
  await distributor.getByRole('link', { name: 'Resellers', exact: true }).first().click();
  await distributor.getByPlaceholder('Any status').click();
  await distributor.getByRole('option', { name: 'Suspended' }).click();
  await expect(distributor).toHaveURL(/status=suspended/);
  await expect(distributor.getByText('1 reseller', { exact: true })).toBeVisible();
  await grid(distributor).getByRole('link', { name: CASH_RESELLER }).click();

  await distributor.getByRole('button', { name: 'Reinstate reseller' }).click();
  await distributor.getByRole('dialog').getByRole('button', { name: 'Reinstate reseller' }).click();
  await expect(distributor.getByText(`${CASH_RESELLER} is reinstated.`)).toBeVisible();
  await expect(distributor.getByRole('button', { name: 'Suspend reseller' })).toBeVisible();

  await signIn(staff, 'reseller.cash@demo.example', DEMO_PASSWORD);
  await expect(staff).toHaveURL(/\/reseller/);
  await expect(staff.getByRole('link', { name: 'My customers' }).first()).toBeVisible();
});

test('the distributor home totals lead to the filtered grids', async ({ browser }, testInfo) => {
  const page = await personAt(browser, 'distributor@demo.example');
  await expect(page.getByText('Monthly run rate')).toBeVisible();
  await keepScreenshot(page, testInfo, 'distributor-home');
  await page.getByRole('link', { name: 'Resellers with orders waiting' }).click();
  await expect(page).toHaveURL(/\/distributor\/resellers\?waiting=1/);
  await expect(page.getByRole('checkbox', { name: 'With orders waiting' })).toBeChecked();
  await expect(page.getByText(/^\d+ resellers?$/)).toBeVisible();
  await expectAccessible(page, testInfo, 'resellers grid');
  await keepScreenshot(page, testInfo, 'resellers-waiting');
});
