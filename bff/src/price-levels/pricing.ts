import type { Types } from 'mongoose';

/** What pricing reads of a product: never more, so a caller cannot price from anything else. */
export interface PricedProduct {
  _id: Types.ObjectId;
  category: string;
  unitCostCents: number;
}

/** What pricing reads of a level. */
export interface LevelPricing {
  name: string;
  markupPercent: number;
  categoryMarkups: readonly { category: string; markupPercent: number }[];
  products: readonly { productId: Types.ObjectId; unitPriceCents?: number | null; breaks: readonly { minQuantity: number; unitPriceCents: number }[] }[];
  allowBelowCost: boolean;
}

export interface UnitPrice {
  unitPriceCents: number;
  levelName: string;
  /** The price is under the cost (only on a level that allows it): a negative margin. */
  belowCost: boolean;
}

/**
 * Cost plus a markup, in the currency's minor unit (cents). ROUNDING RULE: the exact price
 * cost × (100 + markup) / 100 is rounded to the nearest cent, halves up (1.005 → 1.01); the
 * markup is taken to the hundredth of a percent, so the sum is done in integers and 0.1 + 0.2
 * errors never decide a cent. A markup of −100 % or less prices at 0, never below.
 */
export function withMarkup(unitCostCents: number, markupPercent: number): number {
  const numerator = unitCostCents * (10_000 + Math.round(markupPercent * 100));
  return numerator <= 0 ? 0 : Math.floor((numerator + 5_000) / 10_000);
}

/** The markup a level sets for a category: its own entry, else the level's markup for all. */
export const markupFor = (level: LevelPricing, category: string): number =>
  level.categoryMarkups.find((c) => c.category === category)?.markupPercent ?? level.markupPercent;

const floorAtCost = (cents: number, costCents: number, level: LevelPricing) => (level.allowBelowCost ? Math.max(0, cents) : Math.max(cents, costCents));

/**
 * THE pricing function: the unit price of `quantity` units of a product on a level. A quantity
 * break (the largest `minQuantity` not above the quantity) beats the product's fixed price, which
 * beats the category's markup. Never negative; never below cost unless the level allows it
 * (a fixed price or break below cost on a level that does not is raised to the cost).
 */
export function unitPriceOf(product: PricedProduct, level: LevelPricing, quantity = 1): UnitPrice {
  const own = level.products.find((p) => p.productId.equals(product._id));
  const tier = own?.breaks.filter((b) => b.minQuantity <= quantity).sort((a, b) => b.minQuantity - a.minQuantity)[0];
  const raw = tier?.unitPriceCents ?? own?.unitPriceCents ?? withMarkup(product.unitCostCents, markupFor(level, product.category));
  const unitPriceCents = floorAtCost(raw, product.unitCostCents, level);
  return { unitPriceCents, levelName: level.name, belowCost: unitPriceCents < product.unitCostCents };
}

/** The product's quantity breaks on a level, as the catalogue and price list show them (priced by unitPriceOf). */
export function priceBreaksOf(product: PricedProduct, level: LevelPricing): { minQuantity: number; unitPriceCents: number }[] {
  const own = level.products.find((p) => p.productId.equals(product._id));
  return [...(own?.breaks ?? [])]
    .sort((a, b) => a.minQuantity - b.minQuantity)
    .map((b) => ({ minQuantity: b.minQuantity, unitPriceCents: unitPriceOf(product, level, b.minQuantity).unitPriceCents }));
}
