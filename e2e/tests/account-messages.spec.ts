import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/auth.js';

const CSRF = { 'x-csrf-protection': '1' };

test('a storefront user deactivated while signed in is told so, and by whom — not that the session merely ended', async ({ browser }) => {
  const buyerContext = await browser.newContext();
  const resellerContext = await browser.newContext();
  try {
    const buyer = await buyerContext.newPage();
    await signIn(buyer, 'buyer@demo.example');
    await expect(buyer).toHaveURL(/\/storefront/);
    const { customerId } = (await (await buyer.request.get('/api/auth/me')).json()) as { customerId: string };

    const reseller = await resellerContext.newPage();
    await signIn(reseller, 'reseller.cash@demo.example');
    await expect(reseller).toHaveURL(/\/reseller/);
    const users = (await (await reseller.request.get(`/api/customers/${customerId}/storefront-users`)).json()) as { items: { id: string; email: string }[] };
    const bea = users.items.find((u) => u.email === 'buyer@demo.example')!;
    expect((await reseller.request.post(`/api/storefront-users/${bea.id}/deactivate`, { headers: CSRF })).status()).toBe(200);
    try {
      // The buyer's next page finds the account gone and says why.
      await buyer.reload();
      await expect(buyer).toHaveURL(/\/sign-in/);
      await expect(buyer.getByRole('status')).toHaveText('Your account was deactivated by Cashmere Cloud Partners. Please contact them if you need access again.');
      await expect(buyer.getByText('Your session has ended')).toHaveCount(0);
    } finally {
      expect((await reseller.request.post(`/api/storefront-users/${bea.id}/activate`, { headers: CSRF })).status()).toBe(200);
    }
  } finally {
    await Promise.all([buyerContext.close(), resellerContext.close()]);
  }
});
