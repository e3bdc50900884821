import type { Types } from 'mongoose';
import { notFound } from '../errors/app-error.js';
import { DEFAULT_PRICE_LEVEL_NAME, defaultPriceLevelIdOf } from '../resellers/default-price-level.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { PriceLevel, type PriceLevelDoc } from './price-level.model.js';
import { priceBreaksOf, unitPriceOf, type LevelPricing, type PricedProduct, type UnitPrice } from './pricing.js';

export type StoredLevel = PriceLevelDoc & { _id: Types.ObjectId };

/** Whom a price is for: a customer (its levels per category), or none (the reseller's default level). */
export interface PricedFor {
  resellerId: Types.ObjectId;
  priceLevels?: readonly { category: string; levelId: Types.ObjectId }[] | null;
}

export interface CustomerPricing {
  levelFor(category: string): StoredLevel;
  price(product: PricedProduct, quantity?: number): UnitPrice;
  breaks(product: PricedProduct): { minQuantity: number; unitPriceCents: number }[];
}

/** A reseller's levels, the default first; a reseller not yet migrated gets its default made up from its markup. */
export async function levelsOfReseller(scope: Scope, resellerId: Types.ObjectId): Promise<StoredLevel[]> {
  const levels = (await scoped(PriceLevel.find({ resellerId }), scope).lean()) as StoredLevel[];
  if (levels.some((l) => l.isDefault)) return levels.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.nameKey.localeCompare(b.nameKey));
  const reseller = await scoped(Reseller.findById(resellerId, { markupPercent: 1, distributorId: 1 }), scope).lean();
  if (!reseller) throw notFound('The reseller');
  const made = {
    _id: defaultPriceLevelIdOf(resellerId), distributorId: reseller.distributorId, resellerId, name: DEFAULT_PRICE_LEVEL_NAME, nameKey: DEFAULT_PRICE_LEVEL_NAME.toLowerCase(),
    isDefault: true, markupPercent: reseller.markupPercent, categoryMarkups: [], products: [], allowBelowCost: false, revision: 1,
  } as unknown as StoredLevel;
  return [made, ...levels];
}

/** Pricing for one customer (or the reseller's default): every price of the app goes through `price`. */
export function pricingFrom(levels: StoredLevel[], pricedFor: PricedFor): CustomerPricing {
  const byId = new Map(levels.map((l) => [l._id.toHexString(), l]));
  const fallback = levels.find((l) => l.isDefault) ?? levels[0]!;
  const levelFor = (category: string) => {
    const assigned = pricedFor.priceLevels?.find((a) => a.category === category);
    // A level deleted in a race with its assignment prices as the default, never fails the page.
    return (assigned && byId.get(assigned.levelId.toHexString())) || fallback;
  };
  return {
    levelFor,
    price: (product, quantity = 1) => unitPriceOf(product, levelFor(product.category) as LevelPricing, quantity),
    breaks: (product) => priceBreaksOf(product, levelFor(product.category) as LevelPricing),
  };
}

export async function pricingFor(scope: Scope, pricedFor: PricedFor): Promise<CustomerPricing> {
  return pricingFrom(await levelsOfReseller(scope, pricedFor.resellerId), pricedFor);
}
