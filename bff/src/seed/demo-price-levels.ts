import type { Types } from 'mongoose';
import { pricingFrom, type CustomerPricing, type StoredLevel } from '../price-levels/customer-pricing.js';
import { levelIdsUsed } from '../price-levels/customer-price-levels.js';
import { withMarkup } from '../price-levels/pricing.js';
import { DEFAULT_PRICE_LEVEL_NAME, defaultPriceLevelIdOf } from '../resellers/default-price-level.js';
import { demoId } from './demo-ids.js';
import type { buildProducts } from './builders.js';
import { PRODUCTS } from './vocabulary.js';

type ProductSeed = ReturnType<typeof buildProducts>[number];
const CATEGORIES = [...new Set(PRODUCTS.map((p) => p.category))].sort();

interface LevelPlan {
  name: string;
  markupPercent: number;
  categoryMarkups: { category: string; markupPercent: number }[];
  /** Product (by name) → a fixed price as a markup on its cost, and breaks as markups from a quantity. */
  products: { name: string; fixedMarkup?: number; breaks: { minQuantity: number; markupPercent: number }[] }[];
}

/** Each demo reseller's levels besides its default: partner discounts, volume breaks, one category cheaper. */
const PLANS: Record<string, LevelPlan[]> = {
  card: [
    { name: 'Partner', markupPercent: 15, categoryMarkups: [{ category: 'Security', markupPercent: 12 }, { category: 'Licences', markupPercent: 8 }],
      products: [{ name: 'Microsoft 365 Business Basic', breaks: [{ minQuantity: 10, markupPercent: 12 }, { minQuantity: 50, markupPercent: 9 }] }] },
    { name: 'Enterprise', markupPercent: 11, categoryMarkups: [{ category: 'Productivity', markupPercent: 8 }],
      products: [{ name: 'Windows Server 2025 Standard', fixedMarkup: 5, breaks: [] }] },
  ],
  cash: [
    { name: 'Partner', markupPercent: 12, categoryMarkups: [{ category: 'Productivity', markupPercent: 10 }],
      products: [
        { name: 'Microsoft 365 Business Basic', breaks: [{ minQuantity: 10, markupPercent: 8 }, { minQuantity: 25, markupPercent: 6 }] },
        { name: 'Microsoft 365 Business Standard', breaks: [{ minQuantity: 10, markupPercent: 8 }] },
      ] },
    { name: 'Level 15', markupPercent: 15, categoryMarkups: [{ category: 'Security', markupPercent: 9 }, { category: 'Backup', markupPercent: 11 }],
      products: [{ name: 'ESET Endpoint Security', breaks: [{ minQuantity: 20, markupPercent: 6 }] }] },
  ],
  deposit: [
    { name: 'Education', markupPercent: 10, categoryMarkups: [{ category: 'Productivity', markupPercent: 5 }], products: [] },
    { name: 'Partner', markupPercent: 18, categoryMarkups: [{ category: 'Infrastructure', markupPercent: 14 }],
      products: [{ name: 'Virtual Server 4 vCPU', breaks: [{ minQuantity: 5, markupPercent: 12 }] }] },
  ],
  other: [],
};

export interface ResellerLevels {
  levels: StoredLevel[];
  /** A customer's levels per category, varied by its index: some all default, some on one or two levels. */
  assign(index: number): { category: string; levelId: Types.ObjectId }[];
}

export function buildDemoPriceLevels(
  reseller: { key: string; distributorId: Types.ObjectId; resellerId: Types.ObjectId; markupPercent: number },
  products: ProductSeed[],
  now: Date,
): ResellerLevels {
  const { distributorId, resellerId } = reseller;
  const base = { distributorId, resellerId, allowBelowCost: false, revision: 1, createdAt: now, updatedAt: now };
  const levels = [
    { _id: defaultPriceLevelIdOf(resellerId), ...base, name: DEFAULT_PRICE_LEVEL_NAME, nameKey: DEFAULT_PRICE_LEVEL_NAME.toLowerCase(), isDefault: true,
      markupPercent: reseller.markupPercent, categoryMarkups: [], products: [] },
    ...(PLANS[reseller.key] ?? []).map((plan) => ({
      _id: demoId(`price-level:${reseller.key}:${plan.name}`), ...base, name: plan.name, nameKey: plan.name.toLowerCase(), isDefault: false,
      markupPercent: plan.markupPercent, categoryMarkups: plan.categoryMarkups,
      products: plan.products.map((pp) => {
        const p = products.find((x) => x.name === pp.name)!;
        return {
          productId: p._id,
          unitPriceCents: pp.fixedMarkup === undefined ? null : withMarkup(p.unitCostCents, pp.fixedMarkup),
          breaks: pp.breaks.map((b) => ({ minQuantity: b.minQuantity, unitPriceCents: withMarkup(p.unitCostCents, b.markupPercent) })),
        };
      }),
    })),
  ] as unknown as StoredLevel[];
  const [, second, third] = levels;
  return {
    levels,
    assign(index) {
      if (!second || index % 4 === 3) return [];
      if (index % 4 === 0) return CATEGORIES.map((category) => ({ category, levelId: second._id }));
      if (index % 4 === 1 && third) return ['Productivity', 'Security'].map((category) => ({ category, levelId: third._id }));
      return [{ category: 'Productivity', levelId: second._id }, ...(third ? [{ category: 'Security', levelId: third._id }] : [])];
    },
  };
}

/** A demo customer's levels as the services store them, and its pricing for the demo orders. */
export function demoCustomerPricing(rl: ResellerLevels, resellerId: Types.ObjectId, index: number) {
  const priceLevels = rl.assign(index);
  const pricing: CustomerPricing = pricingFrom(rl.levels, { resellerId, priceLevels });
  return { fields: { priceLevels, priceLevelIds: levelIdsUsed(CATEGORIES, rl.levels, priceLevels) }, pricing };
}
