import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { priceBreaksOf, unitPriceOf, withMarkup, type LevelPricing } from './pricing.js';

const m365 = { _id: new Types.ObjectId(), category: 'Productivity', unitCostCents: 1000 };
const firewall = { _id: new Types.ObjectId(), category: 'Security', unitCostCents: 4900 };
const domain = { _id: new Types.ObjectId(), category: 'Domains', unitCostCents: 1005 };

const level = (over: Partial<LevelPricing> = {}): LevelPricing => ({
  name: 'Partner',
  markupPercent: 20,
  categoryMarkups: [{ category: 'Security', markupPercent: 10 }],
  products: [{ productId: m365._id, unitPriceCents: 1150, breaks: [{ minQuantity: 10, unitPriceCents: 1100 }, { minQuantity: 50, unitPriceCents: 1050 }] }],
  allowBelowCost: false,
  ...over,
});

describe('withMarkup: cost plus markup, rounded to the cent, halves up', () => {
  it.each([
    [1000, 15, 1150],
    [1005, 15, 1156], // 1155.75 → 1156
    [1005, 10, 1106], // 1105.5 → 1106 (half up)
    [1, 50, 2], // 1.5 → 2
    [3, 16.67, 4], // 3.5001 → 4
    [333, 33.33, 444], // 443.9889 → 444
    [1150, 0.1, 1151], // 1151.15 → 1151
    [500, 0, 500],
    [500, -10, 450],
    [500, -100, 0],
    [0, 50, 0],
    [97200, 12.5, 109350],
  ])('cost %i cents at %f %% → %i cents', (cost, markup, price) => {
    expect(withMarkup(cost, markup)).toBe(price);
  });

  it('is exact where floating point is not: binary fractions never decide a cent', () => {
    // 1005 × 1.15 in floating point is 1155.7499999999998; integer arithmetic gives 1155.75 → 1156.
    expect(Math.round(1005 * 1.15)).toBe(1156);
    expect(withMarkup(1005, 15)).toBe(1156);
    expect(withMarkup(10, 5)).toBe(11); // 10.5 → 11, where Math.round(10 * 1.05) = Math.round(10.500000000000002) agrees only by luck
  });
});

describe('unitPriceOf: the one pricing function', () => {
  it.each([
    ['the category’s own markup', firewall, level(), 1, 5390],
    ['the level’s markup for a category without its own', domain, level(), 1, 1206],
    ['a product’s fixed price beats the markup', m365, level(), 1, 1150],
    ['below the first break: the fixed price', m365, level(), 9, 1150],
    ['from the first break on', m365, level(), 10, 1100],
    ['between breaks: the largest break reached', m365, level(), 49, 1100],
    ['from the second break on', m365, level(), 50, 1050],
    ['far beyond the last break', m365, level(), 10_000, 1050],
    ['a break without a fixed price falls back to the markup below it', m365, level({ products: [{ productId: m365._id, unitPriceCents: null, breaks: [{ minQuantity: 5, unitPriceCents: 1080 }] }] }), 4, 1200],
    ['… and takes the break from it', m365, level({ products: [{ productId: m365._id, unitPriceCents: null, breaks: [{ minQuantity: 5, unitPriceCents: 1080 }] }] }), 5, 1080],
  ] as const)('%s', (_what, product, lvl, quantity, cents) => {
    expect(unitPriceOf(product, lvl, quantity)).toEqual({ unitPriceCents: cents, levelName: 'Partner', belowCost: false });
  });

  it('never below cost unless the level allows it: a fixed price, a break or a negative markup below cost is raised to the cost', () => {
    const cheap = level({ markupPercent: -20, categoryMarkups: [], products: [{ productId: m365._id, unitPriceCents: 900, breaks: [{ minQuantity: 10, unitPriceCents: 800 }] }] });
    expect(unitPriceOf(m365, cheap, 1)).toEqual({ unitPriceCents: 1000, levelName: 'Partner', belowCost: false });
    expect(unitPriceOf(m365, cheap, 10).unitPriceCents).toBe(1000);
    expect(unitPriceOf(domain, cheap, 1).unitPriceCents).toBe(1005);
  });

  it('below cost where the level allows it, flagged; never negative', () => {
    const allowed = level({ allowBelowCost: true, markupPercent: -20, categoryMarkups: [{ category: 'Security', markupPercent: -150 }], products: [{ productId: m365._id, unitPriceCents: 900, breaks: [] }] });
    expect(unitPriceOf(m365, allowed, 1)).toEqual({ unitPriceCents: 900, levelName: 'Partner', belowCost: true });
    expect(unitPriceOf(domain, allowed, 1)).toEqual({ unitPriceCents: 804, levelName: 'Partner', belowCost: true });
    expect(unitPriceOf(firewall, allowed, 1)).toEqual({ unitPriceCents: 0, levelName: 'Partner', belowCost: true });
  });

  it('the quantity breaks as the catalogue shows them: ascending, each priced as an order of that quantity would be', () => {
    const unsorted = level({ products: [{ productId: m365._id, unitPriceCents: null, breaks: [{ minQuantity: 50, unitPriceCents: 950 }, { minQuantity: 10, unitPriceCents: 1100 }] }] });
    expect(priceBreaksOf(m365, unsorted)).toEqual([
      { minQuantity: 10, unitPriceCents: 1100 },
      { minQuantity: 50, unitPriceCents: 1000 }, // 950 is below cost on a level that does not allow it
    ]);
    expect(priceBreaksOf(firewall, unsorted)).toEqual([]);
  });
});
