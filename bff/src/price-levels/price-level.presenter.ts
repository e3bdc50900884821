import type { PriceLevel as PriceLevelAnswer, PriceLevelFields } from '@app/shared';
import { priceLevelPolicy } from '../policies/price-level.js';
import type { Principal } from '../tenancy/principal.js';
import type { StoredLevel } from './customer-pricing.js';

const major = (cents: number) => cents / 100;
export const cents = (major: number) => Math.round(major * 100);

/** A level's editable fields as the API carries them (money in the major unit). */
export function levelFields(l: Pick<StoredLevel, 'name' | 'markupPercent' | 'categoryMarkups' | 'products' | 'allowBelowCost'>): PriceLevelFields {
  return {
    name: l.name,
    markupPercent: l.markupPercent,
    categoryMarkups: l.categoryMarkups.map((c) => ({ category: c.category, markupPercent: c.markupPercent })),
    products: l.products.map((p) => ({
      productId: p.productId.toHexString(),
      unitPrice: p.unitPriceCents === null || p.unitPriceCents === undefined ? null : major(p.unitPriceCents),
      breaks: p.breaks.map((b) => ({ minQuantity: b.minQuantity, unitPrice: major(b.unitPriceCents) })),
    })),
    allowBelowCost: l.allowBelowCost,
  };
}

export function presentPriceLevel(l: StoredLevel, principal: Principal, extra: { resellerName: string; customersUsing: number }): PriceLevelAnswer {
  return {
    id: l._id.toHexString(),
    resellerId: l.resellerId.toHexString(),
    resellerName: extra.resellerName,
    isDefault: l.isDefault,
    revision: l.revision,
    customersUsing: extra.customersUsing,
    ...levelFields(l),
    abilities: priceLevelPolicy.abilities(principal, { isDefault: l.isDefault }, { edit: 'priceLevel.edit', delete: 'priceLevel.delete' }),
  };
}
