import { expect, test, type APIRequestContext } from '@playwright/test';
import { keepScreenshot } from '../fixtures/a11y.js';
import { DEMO_PASSWORD, signIn } from '../fixtures/auth.js';

// Two buyers of Blue Harbor whose language these tests change; put back to English whatever happened.
const CARLA = 'carla.buyer@demo.example';
const BOB = 'bob.buyer@demo.example';
const headers = { 'x-csrf-protection': '1' };

async function setLanguage(request: APIRequestContext, email: string, language: string) {
  expect((await request.post('/api/auth/login', { headers, data: { email, password: DEMO_PASSWORD } })).ok()).toBe(true);
  const profile = await (await request.get('/api/profile')).json();
  await request.put('/api/profile', { headers, data: { firstName: profile.firstName, lastName: profile.lastName, language, dateFormat: profile.dateFormat } });
  await request.post('/api/auth/logout', { headers });
}

test.afterEach(async ({ request }) => {
  for (const email of [CARLA, BOB]) await setLanguage(request, email, 'en');
});

test('a storefront user switches to German on the profile page: the screens change at once, the catalogue is German, under the reseller’s name and logo', async ({ page }, testInfo) => {
  await signIn(page, CARLA);
  await expect(page).toHaveURL(/\/storefront$/);
  const brand = page.getByTestId('storefront-brand');
  await expect(brand).toContainText('Cashmere Cloud Partners');
  await expect(brand.getByRole('img')).toHaveCount(0); // decorative: alt=""
  await expect(brand.locator('img')).toHaveCount(1);

  await page.getByRole('button', { name: /Account menu for Carla/ }).click();
  await page.getByRole('menuitem', { name: 'Your profile' }).click();
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Deutsch (German)' }).click();
  await page.getByRole('button', { name: 'Save' }).click();

  // No reload: the page and the navigation speak German as soon as the save is answered.
  await expect(page.getByRole('heading', { level: 1, name: 'Ihr Profil' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await nav.getByRole('link', { name: 'Katalog' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Katalog' })).toBeVisible();
  await expect(page.getByText(/^\d+ Produkte$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'In den Warenkorb' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /^Warenkorb, / })).toBeVisible();
  // Money in German: "1.088,64 €".
  await expect(page.getByText(/^\d{1,3}(\.\d{3})*,\d{2}\s€$/).first()).toBeVisible();
  await keepScreenshot(page, testInfo, 'storefront-catalogue-de-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('button', { name: 'In den Warenkorb' }).first()).toBeVisible();
  await keepScreenshot(page, testInfo, 'storefront-catalogue-de-390');
});

test('a Greek buyer reads its orders in Greek: dates with Greek times, money as 1.234,56 €', async ({ page, request }, testInfo) => {
  await setLanguage(request, BOB, 'el');
  await signIn(page, BOB);
  await expect(page).toHaveURL(/\/storefront$/);
  await page.getByRole('navigation', { name: 'Κύρια πλοήγηση' }).getByRole('link', { name: 'Οι παραγγελίες μου' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Οι παραγγελίες μου' })).toBeVisible();
  const first = page.getByRole('link', { name: /^[A-Z]{2}-\d{6}$/ }).first();
  await expect(first).toBeVisible();
  await first.click();

  await expect(page.getByRole('heading', { level: 1, name: /^Παραγγελία [A-Z]{2}-\d{6}$/ })).toBeVisible();
  // Placed "στις 2026-11-01 06:00 π.μ.": Bob's own date format (YYYY-MM-DD), the time as Greek writes it.
  await expect(page.getByText(/καταχωρήθηκε στις \d{4}-\d{2}-\d{2}\s\d{1,2}:\d{2}\s(π\.μ\.|μ\.μ\.)/)).toBeVisible();
  await expect(page.getByText('Συνολικό ποσό')).toBeVisible();
  await expect(page.getByText(/^\d{1,3}(\.\d{3})*,\d{2}\s€$/).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ιστορικό' })).toBeVisible();
  await keepScreenshot(page, testInfo, 'storefront-order-el-1366');
});
