import type { Catalogue } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { notFound } from '../errors/app-error.js';
import { escapeRegex } from '../lib/escape-regex.js';
import { orderPolicy } from '../policies/order.js';
import { Product } from '../products/product.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { priceWithMarkup } from './order.service.js';

/**
 * The distributor's active catalogue at the caller's prices: the reseller's markup on the cost.
 * Cost only for staff (rule 3): a storefront user's answer has no cost field at all.
 */
export async function browseCatalogue(actor: Actor, q: { search?: string | undefined; category?: string | undefined }): Promise<Catalogue> {
  const { principal, scope } = actor;
  const reseller = await scoped(Reseller.findById(principal.resellerId, { markupPercent: 1 }), scope).lean();
  if (!reseller) throw notFound('Your reseller');
  const filter: Record<string, unknown> = { active: true };
  if (q.category) filter.category = q.category;
  if (q.search) {
    const re = { $regex: escapeRegex(q.search), $options: 'i' };
    filter.$or = [{ name: re }, { sku: re }, { category: re }];
  }
  const [products, categories, currency] = await Promise.all([
    scoped(Product.find(filter).sort({ category: 1, name: 1, _id: 1 }).limit(500), scope).lean(),
    scoped(Product.distinct('category', { active: true }), scope),
    currencyOf(scope),
  ]);
  const seeCost = orderPolicy.can(principal, 'order.seeCost');
  return {
    currency,
    categories: (categories as string[]).sort(),
    items: products.map((p) => ({
      id: p._id.toHexString(),
      sku: p.sku,
      name: p.name,
      category: p.category,
      billing: p.billing,
      provisioning: p.provisioning,
      unitPrice: priceWithMarkup(p.unitCostCents, reseller.markupPercent) / 100,
      ...(seeCost ? { unitCost: p.unitCostCents / 100 } : {}),
    })),
  };
}
