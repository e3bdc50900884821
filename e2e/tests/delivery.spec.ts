import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from '../fixtures/auth.js';

/**
 * What the first load of a page costs in JavaScript, measured in the browser: every script it
 * fetched, counted at its gzip size (the budget) and at the bytes that crossed the wire
 * (brotli, served pre-compressed). `pnpm size` prints these figures (README, "Initial JS").
 */
const BUDGET_GZIP = 250 * 1024;
const dist = path.resolve(import.meta.dirname, '../../web/dist');

const gzipBytes = (urlPath: string) => {
  const file = path.join(dist, urlPath);
  return existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : gzipSync(readFileSync(file), { level: 9 }).length;
};

async function scriptsOf(page: Page, open: () => Promise<void>) {
  const scripts = new Map<string, number>();
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    const url = new URL(res.url());
    scripts.set(url.pathname, Number((await res.headerValue('content-length')) ?? 0));
  });
  await open();
  await page.waitForLoadState('networkidle');
  const files = [...scripts.keys()].sort();
  return { files, gzip: files.reduce((n, f) => n + gzipBytes(f), 0), wire: [...scripts.values()].reduce((n, b) => n + b, 0) };
}

/** A fresh browser (empty cache) already signed in as `email`. */
async function freshSignedIn(browser: Browser, email: string) {
  const first = await browser.newContext();
  const page = await first.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/sign-in/);
  const state = await first.storageState();
  await first.close();
  return (await browser.newContext({ storageState: state })).newPage();
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

test('the sign-in page and each home page load at most 250 KB of JavaScript (gzip), AG Grid not among it', async ({ browser }) => {
  const report: string[] = [];
  const signInPage = await (await browser.newContext()).newPage();
  const pages = [
    { name: 'sign-in', page: signInPage, open: () => signInPage.goto('/sign-in').then(() => expect(signInPage.getByRole('button', { name: 'Sign in' })).toBeVisible()) },
  ];
  for (const [name, email, home, heading] of [
    ['reseller home', 'reseller.cash@demo.example', '/reseller', /Welcome/],
    ['distributor home', 'distributor@demo.example', '/distributor', /Welcome/],
    ['storefront home', 'buyer@demo.example', '/storefront', /Welcome/],
  ] as const) {
    const page = await freshSignedIn(browser, email);
    pages.push({ name, page, open: () => page.goto(home).then(() => expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()) });
  }
  for (const { name, page, open } of pages) {
    const { files, gzip, wire } = await scriptsOf(page, open);
    report.push(`${name}: ${kb(gzip)} gzip, ${kb(wire)} transferred (brotli), ${files.length} scripts`);
    expect.soft(gzip, `${name}: ${files.join(', ')}`).toBeLessThanOrEqual(BUDGET_GZIP);
    // AG Grid stays in its lazy chunk, loaded with the first grid.
    for (const f of files) expect(readFileSync(path.join(dist, f), 'utf8'), `${name} loads AG Grid (${f})`).not.toContain('ag-grid');
    await page.context().close();
  }
  console.log(`Initial JavaScript\n  ${report.join('\n  ')}`);
});

test('scripts and styles come pre-compressed, hashed assets cached for a year, index.html revalidated', async ({ request, page }) => {
  await page.goto('/sign-in');
  const script = await page.locator('script[type="module"][src^="/assets/"]').first().getAttribute('src');
  for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['identity', undefined]] as const) {
    const res = await request.get(script!, { headers: { 'Accept-Encoding': accept } });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-encoding'], accept).toBe(encoding);
    expect(res.headers()['content-type']).toMatch(/javascript/);
    expect(res.headers()['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  }
  for (const pagePath of ['/sign-in', '/index.html']) {
    const res = await request.get(pagePath);
    expect(res.headers()['cache-control'], pagePath).toBe('no-cache');
  }
});
