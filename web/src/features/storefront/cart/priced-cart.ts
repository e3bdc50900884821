import type { Catalogue } from '@app/shared';
import type { Cart, CartLine } from './cart-store';

export interface PricedLine extends CartLine {
  /** False when the product has left the catalogue; the line then shows its last known price. */
  available: boolean;
  /** Unit price × quantity, in the currency's major unit, computed in cents. */
  amount: number;
}

export interface PricedCart {
  lines: PricedLine[];
  total: number;
  /** The part of the total charged every month. */
  monthly: number;
  unavailable: number;
}

const cents = (n: number) => Math.round(n * 100);

/** The cart at the catalogue's current prices (the server prices the order the same way). */
export function priceCart(cart: Cart, catalogue: Pick<Catalogue, 'items'> | undefined): PricedCart {
  const byId = new Map(catalogue?.items.map((i) => [i.id, i]));
  let total = 0;
  let monthly = 0;
  let unavailable = 0;
  const lines = cart.lines.map((line) => {
    const item = byId.get(line.productId);
    const available = !catalogue || Boolean(item);
    if (!available) unavailable++;
    const current = item ? { name: item.name, sku: item.sku, billing: item.billing, unitPrice: item.unitPrice } : {};
    const priced = { ...line, ...current };
    const amountCents = cents(priced.unitPrice) * priced.quantity;
    total += amountCents;
    if (priced.billing === 'monthly') monthly += amountCents;
    return { ...priced, available, amount: amountCents / 100 };
  });
  return { lines, total: total / 100, monthly: monthly / 100, unavailable };
}
