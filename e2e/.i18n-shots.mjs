// Screenshots of the storefront per language (not a test). node e2e/.i18n-shots.mjs <lang>
import { chromium } from '@playwright/test';
const [lang = 'de'] = process.argv.slice(2);
const base = process.env.BASE_URL ?? 'http://localhost:4320';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
await page.goto(`${base}/sign-in`);
await page.getByLabel(/^Email/).fill('buyer@demo.example');
await page.getByLabel(/^Password/).fill('Demo-Password-1');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
const headers = { 'x-csrf-protection': '1' };
const profile = await (await page.request.get(`${base}/api/profile`)).json();
await page.request.put(`${base}/api/profile`, { headers, data: { firstName: profile.firstName, lastName: profile.lastName, language: lang, dateFormat: profile.dateFormat } });
const orders = await (await page.request.get(`${base}/api/orders?limit=5`)).json();
const orderId = orders.items?.find((o) => o.status === 'executed')?.id ?? orders.items?.[0]?.id;
const shots = [
  ['home', '/storefront'],
  ['catalogue', '/storefront/catalogue'],
  ['orders', '/storefront/orders'],
  ['order', `/storefront/orders/${orderId}`],
  ['approvals', '/storefront/approvals'],
  ['company-users', '/storefront/company-users'],
  ['profile', '/storefront/profile'],
];
for (const width of [1366, 390]) {
  await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
  for (const [name, path] of shots) {
    await page.goto(`${base}${path}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(600);
    await page.screenshot({ path: `/tmp/shots-i18n/${lang}-${name}-${width}.png`, fullPage: true });
  }
  // The cart with a product in it, and the review.
  await page.goto(`${base}/storefront/catalogue`);
  await page.waitForLoadState('networkidle');
  const add = page.getByRole('button', { name: lang === 'de' ? 'In den Warenkorb' : lang === 'el' ? 'Προσθήκη στο καλάθι' : 'Add to cart' }).first();
  await add.click();
  await page.getByRole('button', { name: /^(Cart|Warenkorb|Καλάθι),/ }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shots-i18n/${lang}-cart-${width}.png` });
  await page.getByRole('button', { name: lang === 'de' ? 'Bestellung prüfen' : lang === 'el' ? 'Έλεγχος παραγγελίας' : 'Review order' }).click();
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `/tmp/shots-i18n/${lang}-review-${width}.png` });
  await page.keyboard.press('Escape');
}
console.log('order', orderId);
await browser.close();
