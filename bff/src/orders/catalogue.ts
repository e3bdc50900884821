import type { Catalogue } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { escapeRegex } from '../lib/escape-regex.js';
import { orderPolicy } from '../policies/order.js';
import { pricedRow, pricingForCaller, type CatalogueProduct } from '../price-levels/priced-catalogue.js';
import { Product } from '../products/product.model.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';

/**
 * The distributor's active catalogue at one customer's prices (its level per category, product
 * prices and quantity breaks: the one pricing function, as the price list and the order use it).
 * Cost only for staff (rule 3): a storefront user's answer has no cost field at all.
 */
export async function browseCatalogue(
  actor: Actor,
  q: { search?: string | undefined; category?: string | undefined; customerId?: string | undefined },
): Promise<Catalogue> {
  const { principal, scope } = actor;
  const filter: Record<string, unknown> = { active: true };
  if (q.category) filter.category = q.category;
  if (q.search) {
    const re = { $regex: escapeRegex(q.search), $options: 'i' };
    filter.$or = [{ name: re }, { sku: re }, { category: re }];
  }
  const [pricing, products, categories, currency] = await Promise.all([
    pricingForCaller(actor, q.customerId),
    scoped(Product.find(filter).sort({ category: 1, name: 1, _id: 1 }).limit(500), scope).lean<CatalogueProduct[]>(),
    scoped(Product.distinct('category', { active: true }), scope),
    currencyOf(scope),
  ]);
  const seeCost = orderPolicy.can(principal, 'order.seeCost');
  return {
    currency,
    categories: (categories as string[]).sort(),
    items: products.map((p) => {
      const row = pricedRow(p, pricing);
      return {
        id: p._id.toHexString(),
        sku: p.sku,
        name: p.name,
        category: p.category,
        billing: p.billing,
        provisioning: p.provisioning,
        unitPrice: row.unitPriceCents / 100,
        breaks: row.breaks.map((b) => ({ minQuantity: b.minQuantity, unitPrice: b.unitPriceCents / 100 })),
        levelName: row.levelName,
        ...(seeCost ? { unitCost: p.unitCostCents / 100 } : {}),
      };
    }),
  };
}
