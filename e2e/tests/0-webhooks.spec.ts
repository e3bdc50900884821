// First of the run (the name sorts first): it reads the demo endpoint's own delivery log as loaded;
// every later file's orders and customer changes add calls to it (its host does not resolve here).
import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.js';
import { signIn } from '../fixtures/auth.js';

test('a reseller sees its endpoint’s delivery log, sends a failed call again, adds an endpoint (secret once), is refused a private address, pauses and resumes', async ({ page }, testInfo) => {
  await signIn(page, 'reseller.card@demo.example');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  const billing = page.getByRole('article', { name: 'https://billing.cardinal-it.example/hooks/storefront' });
  await expect(billing).toContainText('Active');
  await expect(billing).toContainText('Billing (orders into invoices)');
  // The distributor's own endpoint is not the reseller's to see.
  await expect(page.getByRole('article')).toHaveCount(1);

  await billing.getByRole('button', { name: 'Delivery log' }).click();
  const log = billing.getByRole('table', { name: 'Delivery log' });
  await expect(log.getByRole('row')).toHaveCount(5);
  await expect(log.getByRole('row').filter({ hasText: 'Order executed' })).toContainText('503 · no answer · 200');
  await expectAccessible(page, testInfo, 'webhooks');
  const failed = log.getByRole('row').filter({ hasText: 'Customer changed' });
  await expect(failed).toContainText('Failed');
  await failed.getByRole('button', { name: 'Send again' }).click();
  await expect(page.getByText('Sent again: it is on its way.')).toBeVisible();
  await expect(failed.getByRole('button', { name: 'Send again' })).toHaveCount(0);

  // A private address is refused, with the reason at the field.
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
  await dialog.getByRole('textbox', { name: 'URL' }).fill('https://169.254.169.254/latest/meta-data');
  await dialog.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(dialog.getByText(/public addresses only/).first()).toBeVisible();
  // A public one is added; its secret is shown this once.
  await dialog.getByRole('textbox', { name: 'URL' }).fill('https://8.8.8.8/storefront-hooks');
  await dialog.getByRole('textbox', { name: 'What it is for' }).fill('CRM');
  await dialog.getByRole('checkbox', { name: 'Customer created' }).check();
  await dialog.getByRole('button', { name: 'Add endpoint' }).click();
  const added = page.getByRole('dialog', { name: 'Endpoint added' });
  await expect(added.getByText(/^whsec_[A-Za-z0-9_-]{43}$/)).toBeVisible();
  await added.getByRole('button', { name: 'Done' }).click();
  const crm = page.getByRole('article', { name: 'https://8.8.8.8/storefront-hooks' });
  await expect(crm).toContainText('Customer created');

  await crm.getByRole('button', { name: 'Pause' }).click();
  await expect(crm).toContainText('Paused');
  await crm.getByRole('button', { name: 'Resume' }).click();
  await expect(crm).toContainText('Active');
  await crm.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click();
  await expect(page.getByRole('article')).toHaveCount(1);
});

test('the distributor sees its paused endpoint and its resellers’ endpoints', async ({ page }) => {
  await signIn(page, 'distributor@demo.example');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Webhooks' }).click();
  const psa = page.getByRole('article', { name: 'https://psa.northwind-distribution.example/storefront-events' });
  await expect(psa).toContainText('Paused');
  await expect(psa).toContainText('Every delivery failed for 24 hours');
  await expect(page.getByRole('article', { name: 'https://billing.cardinal-it.example/hooks/storefront' })).toContainText('Reseller: Cardinal IT Services');
});
