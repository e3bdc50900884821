// Lighthouse performance, accessibility and best-practices scores of the main pages, in Debian's Chromium:
//   BASE_URL=http://localhost:3000 pnpm lighthouse      (the app must be running there; `pnpm start`)
// Signs in as the cash reseller, then as a storefront user, through the same browser, so the
// signed-in pages are measured as those people see them. Fails when a score is below its floor:
// MIN (default 95) for accessibility and best practices, PERF_MIN (default 90) for performance.
// Performance depends on the machine: on a busy one, read its metrics (TBT, LCP) with that in mind.
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const base = process.env.BASE_URL ?? 'http://localhost:3000';
const min = Number(process.env.MIN ?? 95);
const perfMin = Number(process.env.PERF_MIN ?? 90);
const floorOf = (category) => (category === 'performance' ? perfMin : min);
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const port = Number(process.env.LIGHTHOUSE_PORT ?? 9333);
// The flags of playwright.config.ts: Debian's Chromium kept off the network.
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--remote-debugging-port=${port}`];

const profile = await mkdtemp(path.join(os.tmpdir(), 'lighthouse-'));
// A persistent context is the browser's default one: the tabs Lighthouse opens share its cookies.
const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args });
let failed = false;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  let account = 'reseller.cash@demo.example';
  const signIn = async () => {
    await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
    if (!new URL(page.url()).pathname.startsWith('/sign-in')) return; // still signed in
    await page.getByLabel(/^Email/).fill(account);
    await page.getByLabel(/^Password/).fill('Demo-Password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  };
  const pages = [['sign-in', '/sign-in']];
  await signIn();
  const list = await (await page.request.get(`${base}/api/customers?limit=1&search=blue%20harbor`)).json();
  pages.push(['home', '/reseller'], ['customers', '/reseller/customers'], ['record', `/reseller/customers/${list.items[0].id}`], ['approvals', '/reseller/approvals']);
  // Then the storefront, as its user: a sign-in of its own (see below).
  const storefront = [['storefront home', '/storefront'], ['catalogue', '/storefront/catalogue'], ['my orders', '/storefront/orders']];
  pages.push(...storefront);

  const rows = [];
  for (const [formFactor, config] of [['mobile', undefined], ['desktop', desktopConfig]]) {
    for (const [name, pagePath] of pages) {
      // The sign-in page is measured signed out: a signed-in visit is sent on to the home page.
      const result = await lighthouse(
        `${base}${pagePath}`,
        { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, disableStorageReset: name !== 'sign-in' },
        config,
      );
      const { categories, audits, runtimeError } = result.lhr;
      if (runtimeError) console.error(`${formFactor} ${name}: Lighthouse could not measure the page: ${runtimeError.code} ${runtimeError.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(categories[c].score * 100)]));
      const below = Object.entries(scores).filter(([c, s]) => s < floorOf(c));
      if (below.length > 0) {
        failed = true;
        const failing = Object.values(audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
        console.error(`${formFactor} ${name}: below the floor (${below.map(([c, s]) => `${c} ${s} < ${floorOf(c)}`).join(', ')}); failing audits: ${failing.join(', ')}`);
      }
      const ms = (id) => Math.round(audits[id]?.numericValue ?? NaN);
      const metrics = `FCP ${ms('first-contentful-paint')}, LCP ${ms('largest-contentful-paint')}, TBT ${ms('total-blocking-time')} ms, CLS ${(audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)}`;
      // Performance audits are scored, not binary: list those of the other two categories.
      const notPassed = Object.values(audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary');
      rows.push(`| ${name} | ${formFactor} | ${scores.performance} | ${scores.accessibility} | ${scores['best-practices']} | ${metrics} | ${notPassed.map((a) => a.id).join(', ') || '—'} |`);
      // Lighthouse cleared the storage for the signed-out visit: sign in again for the rest.
      if (name === 'sign-in') await signIn();
      // Staff pages done: the storefront's user signs in for the storefront's pages.
      const next = pages[pages.findIndex(([n]) => n === name) + 1];
      if (next && storefront.some(([n]) => n === next[0]) && account !== 'buyer@demo.example') {
        account = 'buyer@demo.example';
        await context.clearCookies();
        await signIn();
      }
      if (name === pages.at(-1)[0] && formFactor === 'mobile') {
        account = 'reseller.cash@demo.example';
        await context.clearCookies();
        await signIn();
      }
    }
  }
  console.log(['| page | form factor | performance | accessibility | best practices | metrics | audits not passed |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n'));
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
