import type { Catalogue, CatalogueItem } from '@app/shared';
import type { Cart, CartLine } from './cart-store';

export interface PricedLine extends CartLine {
  /** False when the product has left the catalogue; the line then shows its last known price. */
  available: boolean;
  /** Unit price × quantity, in the currency's major unit, computed in cents. */
  amount: number;
  /** The price for one unit changed since the line was added (e.g. the customer's price level changed). */
  repriced: boolean;
}

export interface PricedCart {
  lines: PricedLine[];
  total: number;
  /** The part of the total charged every month. */
  monthly: number;
  unavailable: number;
  /** Lines whose price changed since they were added: the buyer is told at review. */
  repriced: number;
}

const cents = (n: number) => Math.round(n * 100);

/**
 * The unit price of `quantity` units: the largest quantity break reached, else the price for one.
 * The server computed each break with its pricing function; this only picks the one the quantity
 * reaches, as the server does when it prices the order.
 */
export function unitPriceAt(item: Pick<CatalogueItem, 'unitPrice' | 'breaks'>, quantity: number): number {
  let price = item.unitPrice;
  for (const b of item.breaks) if (b.minQuantity <= quantity) price = b.unitPrice;
  return price;
}

/** The cart at the catalogue's current prices (the server prices the order the same way). */
export function priceCart(cart: Cart, catalogue: Pick<Catalogue, 'items'> | undefined): PricedCart {
  const byId = new Map(catalogue?.items.map((i) => [i.id, i]));
  let total = 0;
  let monthly = 0;
  let unavailable = 0;
  let repriced = 0;
  const lines = cart.lines.map((line) => {
    const item = byId.get(line.productId);
    const available = !catalogue || Boolean(item);
    if (!available) unavailable++;
    const changed = Boolean(item && cents(item.unitPrice) !== cents(line.unitPrice));
    if (changed) repriced++;
    const current = item ? { name: item.name, sku: item.sku, billing: item.billing, unitPrice: unitPriceAt(item, line.quantity) } : {};
    const priced = { ...line, ...current };
    const amountCents = cents(priced.unitPrice) * priced.quantity;
    total += amountCents;
    if (priced.billing === 'monthly') monthly += amountCents;
    return { ...priced, available, amount: amountCents / 100, repriced: changed };
  });
  return { lines, total: total / 100, monthly: monthly / 100, unavailable, repriced };
}
