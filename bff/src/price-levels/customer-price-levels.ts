import { Types } from 'mongoose';
import type { BulkPriceLevels, CustomerPriceLevels, CustomerPriceLevelsView } from '@app/shared';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { Customer } from '../customers/customer.model.js';
import { getCustomer } from '../customers/customer.service.js';
import { AppError, conflict, forbidden, validationFailed } from '../errors/app-error.js';
import { priceLevelPolicy } from '../policies/price-level.js';
import { Product } from '../products/product.model.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { levelsOfReseller, type StoredLevel } from './customer-pricing.js';

type Assignment = { category: string; levelId: Types.ObjectId };

export const activeCategories = async (scope: Scope): Promise<string[]> => ((await scoped(Product.distinct('category', { active: true }), scope)) as string[]).sort();

/** Each category with the level that prices it for the customer (assigned, else the default). */
function effective(categories: string[], levels: StoredLevel[], assigned: readonly Assignment[]) {
  const byId = new Map(levels.map((l) => [l._id.toHexString(), l]));
  const fallback = levels.find((l) => l.isDefault)!;
  return categories.map((category) => {
    const a = assigned.find((x) => x.category === category);
    const level = (a && byId.get(a.levelId.toHexString())) || fallback;
    return { category, level };
  });
}

/** The levels a customer is priced by: what the grid filters on and what "customers using" counts. */
export function levelIdsUsed(categories: string[], levels: StoredLevel[], assigned: readonly Assignment[]): Types.ObjectId[] {
  const ids = new Map(effective(categories, levels, assigned).map(({ level }) => [level._id.toHexString(), level._id]));
  return [...ids.values()];
}

const describe = (rows: { category: string; level: StoredLevel }[]) => rows.map((r) => `${r.category}: ${r.level.name}`).join('; ');

export async function getCustomerPriceLevels(actor: Actor, customerId: string): Promise<CustomerPriceLevelsView> {
  const { principal, scope } = actor;
  priceLevelPolicy.authorize(principal, 'priceLevel.readAssignments', undefined, forbidden);
  const { customer } = await getCustomer(scope, customerId);
  const [levels, categories] = await Promise.all([levelsOfReseller(scope, customer.resellerId), activeCategories(scope)]);
  return {
    customerId: customer._id.toHexString(),
    revision: customer.revision,
    categories: effective(categories, levels, customer.priceLevels).map(({ category, level }) => ({
      category,
      levelId: level._id.toHexString(),
      levelName: level.name,
      isDefault: level.isDefault,
    })),
    levels: levels.map((l) => ({ id: l._id.toHexString(), name: l.name, isDefault: l.isDefault })),
    abilities: priceLevelPolicy.abilities(principal, undefined, { assign: 'priceLevel.assign', downloadPriceList: 'priceList.download' }),
  };
}

/**
 * The new assignments, checked: every level is the customer's reseller's, every category is in the
 * catalogue. A category given the default level is stored as no assignment (it follows the default).
 */
function checkedAssignments(wanted: { category: string; levelId: string }[], levels: StoredLevel[], categories: string[]): Assignment[] {
  const problems: Record<string, string> = {};
  const byId = new Map(levels.map((l) => [l._id.toHexString(), l]));
  wanted.forEach((a, i) => {
    if (!categories.includes(a.category)) problems[`assignments.${i}.category`] = 'This category is not in the catalogue';
    if (!byId.has(a.levelId)) problems[`assignments.${i}.levelId`] = 'Choose one of your price levels';
  });
  if (Object.keys(problems).length > 0) throw validationFailed(problems);
  return wanted.filter((a) => !byId.get(a.levelId)!.isDefault).map((a) => ({ category: a.category, levelId: new Types.ObjectId(a.levelId) }));
}

/** One conditional write on the customer's revision, with its audit event (before → after per category). */
async function writeAssignments(actor: Actor, customer: Awaited<ReturnType<typeof getCustomer>>['customer'], next: Assignment[], levels: StoredLevel[], categories: string[]) {
  const before = describe(effective(categories, levels, customer.priceLevels));
  const after = describe(effective(categories, levels, next));
  const event = auditEventFor(actor, {
    action: 'customer.price_levels_changed',
    target: { type: 'customer', id: customer._id, label: customer.companyName },
    resellerId: customer.resellerId,
    customerId: customer._id,
    customerName: customer.companyName,
    changes: { priceLevels: { from: before, to: after } },
  });
  const updated = await scoped(
    Customer.findOneAndUpdate(
      { _id: customer._id, revision: customer.revision },
      { $set: { priceLevels: next, priceLevelIds: levelIdsUsed(categories, levels, next) }, $inc: { revision: 1 }, ...(before !== after ? pushAudit(event) : {}) },
      { returnDocument: 'after' },
    ),
    actor.scope,
  ).lean();
  if (!updated) throw conflict('This customer was changed by someone else since you opened it. Reload to see the latest version.', 'stale');
  await settleAudit(actor, Customer, updated);
}

/** Sets the customer's level per category, made on `revision` (stale: 409). */
export async function setCustomerPriceLevels(actor: Actor, customerId: string, input: CustomerPriceLevels): Promise<CustomerPriceLevelsView> {
  const { principal, scope } = actor;
  priceLevelPolicy.authorize(principal, 'priceLevel.assign', undefined, forbidden);
  const { customer } = await getCustomer(scope, customerId);
  const [levels, categories] = await Promise.all([levelsOfReseller(scope, customer.resellerId), activeCategories(scope)]);
  const next = checkedAssignments(input.assignments, levels, categories);
  await writeAssignments(actor, { ...customer, revision: input.revision }, next, levels, categories);
  return getCustomerPriceLevels(actor, customerId);
}

/**
 * "These categories at these levels", checked once as one customer's edit is (the caller's own
 * levels, categories of the catalogue), then applied customer by customer by the function it
 * returns: changed, or not when the customer was priced so already (nothing written).
 * A customer edited meanwhile is 409 `stale`; another tenant's is 404.
 */
export async function categoryLevelsChange(actor: Actor, wanted: { category: string; levelId: string | null }[]) {
  const { principal, scope } = actor;
  priceLevelPolicy.authorize(principal, 'priceLevel.assign', undefined, forbidden);
  const [levels, categories] = await Promise.all([levelsOfReseller(scope, principal.resellerId!), activeCategories(scope)]);
  const defaultId = levels.find((l) => l.isDefault)!._id.toHexString();
  const next = checkedAssignments(wanted.map((w) => ({ category: w.category, levelId: w.levelId ?? defaultId })), levels, categories);
  const named = new Set(wanted.map((w) => w.category));
  const pricedBy = (assigned: readonly Assignment[]) => effective(categories, levels, assigned).map(({ level }) => level._id.toHexString()).join();
  return async (customerId: string): Promise<{ changed: boolean; companyName: string }> => {
    const { customer } = await getCustomer(scope, customerId);
    const merged = [...customer.priceLevels.filter((a) => !named.has(a.category)), ...next];
    const changed = pricedBy(customer.priceLevels) !== pricedBy(merged);
    if (changed) await writeAssignments(actor, customer, merged, levels, categories);
    return { changed, companyName: customer.companyName };
  };
}

/** One category's level for many customers: each customer on its own (a customer edited meanwhile is read again once). */
export async function assignPriceLevelInBulk(actor: Actor, input: BulkPriceLevels): Promise<{ updated: number; notFound: number }> {
  const { principal, scope } = actor;
  priceLevelPolicy.authorize(principal, 'priceLevel.assign', undefined, forbidden);
  const [levels, categories] = await Promise.all([levelsOfReseller(scope, principal.resellerId!), activeCategories(scope)]);
  const levelId = input.levelId ?? levels.find((l) => l.isDefault)!._id.toHexString();
  const [wanted] = checkedAssignments([{ category: input.category, levelId }], levels, categories);
  let updated = 0;
  let notFound = 0;
  for (const id of [...new Set(input.ids)]) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const { customer } = await getCustomer(scope, id);
        const next = [...customer.priceLevels.filter((a) => a.category !== input.category), ...(wanted ? [wanted] : [])];
        await writeAssignments(actor, customer, next, levels, categories);
        updated++;
        break;
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') {
          notFound++;
          break;
        }
        if (!(err instanceof AppError && err.code === 'stale') || attempt === 2) throw err;
      }
    }
  }
  return { updated, notFound };
}
