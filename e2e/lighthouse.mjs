// Lighthouse accessibility and best-practices scores of the main pages, in Debian's Chromium:
//   BASE_URL=http://localhost:3000 pnpm lighthouse      (the app must be running there; `pnpm start`)
// Signs in as the cash reseller through the same browser, so the signed-in pages are measured as
// that person sees them. Fails when a score is below the floor (MIN, default 95).
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const base = process.env.BASE_URL ?? 'http://localhost:3000';
const min = Number(process.env.MIN ?? 95);
const port = Number(process.env.LIGHTHOUSE_PORT ?? 9333);
// The flags of playwright.config.ts: Debian's Chromium kept off the network.
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--remote-debugging-port=${port}`];

const profile = await mkdtemp(path.join(os.tmpdir(), 'lighthouse-'));
// A persistent context is the browser's default one: the tabs Lighthouse opens share its cookies.
const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args });
let failed = false;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const signIn = async () => {
    await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
    if (!new URL(page.url()).pathname.startsWith('/sign-in')) return; // still signed in
    await page.getByLabel(/^Email/).fill('reseller.cash@demo.example');
    await page.getByLabel(/^Password/).fill('Demo-Password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  };
  const pages = [['sign-in', '/sign-in']];
  await signIn();
  const list = await (await page.request.get(`${base}/api/customers?limit=1&search=blue%20harbor`)).json();
  pages.push(['home', '/reseller'], ['customers', '/reseller/customers'], ['record', `/reseller/customers/${list.items[0].id}`]);

  const rows = [];
  for (const [formFactor, config] of [['mobile', undefined], ['desktop', desktopConfig]]) {
    for (const [name, pagePath] of pages) {
      // The sign-in page is measured signed out: a signed-in visit is sent on to the home page.
      const result = await lighthouse(
        `${base}${pagePath}`,
        { port, output: 'json', logLevel: 'error', onlyCategories: ['accessibility', 'best-practices'], disableStorageReset: name !== 'sign-in' },
        config,
      );
      const { categories, audits } = result.lhr;
      const scores = { accessibility: Math.round(categories.accessibility.score * 100), 'best-practices': Math.round(categories['best-practices'].score * 100) };
      const below = Object.entries(scores).filter(([, s]) => s < min);
      if (below.length > 0) {
        failed = true;
        const failing = Object.values(audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
        console.error(`${formFactor} ${name}: below ${min} (${below.map(([c]) => c).join(', ')}); failing audits: ${failing.join(', ')}`);
      }
      const notPassed = Object.values(audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual');
      rows.push(`| ${name} | ${formFactor} | ${scores.accessibility} | ${scores['best-practices']} | ${notPassed.map((a) => a.id).join(', ') || '—'} |`);
      // Lighthouse cleared the storage for the signed-out visit: sign in again for the rest.
      if (name === 'sign-in') await signIn();
    }
  }
  console.log(['| page | form factor | accessibility | best practices | audits not passed |', '| --- | --- | --- | --- | --- |', ...rows].join('\n'));
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
