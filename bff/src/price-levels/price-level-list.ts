import { Types } from 'mongoose';
import type { PriceLevel as PriceLevelAnswer, PriceLevelList } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { forbidden } from '../errors/app-error.js';
import { priceLevelPolicy } from '../policies/price-level.js';
import { Product } from '../products/product.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { activeCategories } from './customer-price-levels.js';
import { levelsOfReseller, type StoredLevel } from './customer-pricing.js';
import { presentPriceLevel } from './price-level.presenter.js';
import { customersUsing } from './price-level.service.js';

async function present(actor: Actor, levels: StoredLevel[], resellerNames: Map<string, string>): Promise<PriceLevelAnswer[]> {
  return Promise.all(
    levels.map(async (l) =>
      presentPriceLevel(l, actor.principal, { resellerName: resellerNames.get(l.resellerId.toHexString()) ?? '', customersUsing: await customersUsing(actor.scope, l) }),
    ),
  );
}

/** One level as the API shows it, with how many customers use it. */
export async function presentOne(actor: Actor, level: StoredLevel): Promise<PriceLevelAnswer> {
  const reseller = await scoped(Reseller.findById(level.resellerId, { name: 1 }), actor.scope).lean();
  return (await present(actor, [level], new Map([[level.resellerId.toHexString(), reseller?.name ?? '']])))[0]!;
}

/** The reseller's levels, default first; a distributor's: those of one reseller it names, or of each of its resellers. */
export async function listPriceLevels(actor: Actor, q: { resellerId?: string | undefined }): Promise<PriceLevelList> {
  const { principal, scope } = actor;
  priceLevelPolicy.authorize(principal, 'priceLevel.list', undefined, forbidden);
  const filter = principal.resellerId ? { _id: principal.resellerId } : q.resellerId ? { _id: new Types.ObjectId(q.resellerId) } : {};
  const resellers = await scoped(Reseller.find(filter, { name: 1 }).sort({ nameKey: 1, _id: 1 }), scope).lean();
  const names = new Map(resellers.map((r) => [r._id.toHexString(), r.name]));
  const levels = (await Promise.all(resellers.map((r) => levelsOfReseller(scope, r._id)))).flat();
  const [items, categories, currency, products] = await Promise.all([
    present(actor, levels, names),
    activeCategories(scope),
    currencyOf(scope),
    scoped(Product.find({ active: true }, { sku: 1, name: 1, category: 1, unitCostCents: 1 }).sort({ category: 1, name: 1, _id: 1 }), scope).lean(),
  ]);
  return {
    items,
    categories,
    currency,
    products: products.map((p) => ({ id: p._id.toHexString(), sku: p.sku, name: p.name, category: p.category, unitCost: p.unitCostCents / 100 })),
    abilities: priceLevelPolicy.abilities(principal, undefined, { create: 'priceLevel.create' }) };
}
