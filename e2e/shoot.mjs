// Screenshots for a person to look at (not a test): node e2e/shoot.mjs <account> <path> <name> [width]
// (see the README, "Looking at the app"); the app must be running on BASE_URL (default http://localhost:3000).
import { chromium } from '@playwright/test';
const [account, path, name, width = '1366'] = process.argv.slice(2);
const base = process.env.BASE_URL ?? 'http://localhost:3000';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(width) > 500 ? 900 : 844 } });
await page.goto(`${base}/sign-in`);
await page.getByLabel(/^Email/).fill(account);
await page.getByLabel(/^Password/).fill('Demo-Password-1');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(`${base}${path}`);
page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
await page.waitForTimeout(Number(process.env.WAIT ?? 5000));
await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: process.env.FULL !== '0' });
await browser.close();
