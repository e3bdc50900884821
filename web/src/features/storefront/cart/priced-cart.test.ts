import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '@app/shared';
import { addToCart, EMPTY_CART } from './cart-store';
import { priceCart } from './priced-cart';

const id = (n: number) => n.toString(16).padStart(24, '0');
const item = (n: number, unitPrice: number, billing: CatalogueItem['billing'] = 'monthly', breaks: CatalogueItem['breaks'] = []): CatalogueItem => ({
  id: id(n),
  sku: `SKU-${n}`,
  name: `Product ${n}`,
  category: 'Things',
  billing,
  provisioning: 'automatic',
  unitPrice,
  breaks,
  levelName: 'Standard',
});

describe('pricing the cart', () => {
  const cart = [
    [item(1, 0.1), 3],
    [item(2, 19.99, 'one_time'), 7],
  ].reduce((c, [i, q]) => addToCart(c, i as CatalogueItem, q as number).cart, EMPTY_CART);

  it('adds line totals in cents, and splits off the monthly part', () => {
    const priced = priceCart(cart, { items: [item(1, 0.1), item(2, 19.99, 'one_time')] });
    expect(priced.lines.map((l) => l.amount)).toEqual([0.3, 139.93]);
    expect(priced.total).toBe(140.23);
    expect(priced.monthly).toBe(0.3);
    expect(priced.unavailable).toBe(0);
  });

  it('uses the catalogue’s current price, tells which lines were repriced, and marks products that have left it', () => {
    const priced = priceCart(cart, { items: [item(1, 0.2)] });
    expect(priced.lines[0]).toMatchObject({ unitPrice: 0.2, amount: 0.6, available: true, repriced: true });
    expect(priced.repriced).toBe(1);
    expect(priced.lines[1]).toMatchObject({ unitPrice: 19.99, available: false });
    expect(priced.unavailable).toBe(1);
  });

  it('prices a line at the quantity break it reaches, which is no repricing', () => {
    const breaks = [{ minQuantity: 3, unitPrice: 0.08 }, { minQuantity: 10, unitPrice: 0.05 }];
    const priced = priceCart(cart, { items: [item(1, 0.1, 'monthly', breaks), item(2, 19.99, 'one_time')] });
    expect(priced.lines[0]).toMatchObject({ unitPrice: 0.08, amount: 0.24, repriced: false });
    expect(priced.repriced).toBe(0);
  });

  it('shows the prices the lines were added with until the catalogue has loaded', () => {
    const priced = priceCart(cart, undefined);
    expect(priced.unavailable).toBe(0);
    expect(priced.total).toBe(140.23);
  });
});
