import { Types } from 'mongoose';
import type { PriceLevelFields, UpdatePriceLevel } from '@app/shared';
import { pushAudit, settleAudit, withCreationAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { Customer } from '../customers/customer.model.js';
import { conflict, forbidden, notFound, validationFailed } from '../errors/app-error.js';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { priceLevelPolicy } from '../policies/price-level.js';
import { Product } from '../products/product.model.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import type { StoredLevel } from './customer-pricing.js';
import { cents, levelFields } from './price-level.presenter.js';
import { PriceLevel } from './price-level.model.js';
import { removeIfLogged } from './price-level-deletes.js';

const DUPLICATE_NAME = 'You already have a price level with this name.';

/** A level inside the scope, or 404. */
export async function getPriceLevel(scope: Scope, id: string): Promise<StoredLevel> {
  if (!Types.ObjectId.isValid(id)) throw notFound('The price level');
  const level = await scoped(PriceLevel.findById(id), scope).lean();
  if (!level) throw notFound('The price level');
  return level as StoredLevel;
}

/** How many customers are priced by the level (for at least one category). */
export const customersUsing = (scope: Scope, level: Pick<StoredLevel, '_id' | 'resellerId'>) =>
  scoped(Customer.countDocuments({ resellerId: level.resellerId, priceLevelIds: level._id }), scope);

/**
 * The stored form of a level's fields, after the checks the schema cannot make: every product is
 * the distributor's, and no price is below cost unless the level allows it (a negative markup
 * counts as below cost too). Refusals name the field; nothing is written.
 */
async function storedFields(scope: Scope, f: PriceLevelFields) {
  const problems: Record<string, string> = {};
  const ids = f.products.map((p) => new Types.ObjectId(p.productId));
  const products = ids.length ? await scoped(Product.find({ _id: { $in: ids } }, { unitCostCents: 1 }), scope).lean() : [];
  const costOf = new Map(products.map((p) => [p._id.toHexString(), p.unitCostCents]));
  if (!f.allowBelowCost) {
    if (f.markupPercent < 0) problems.markupPercent = 'A negative markup prices below cost: allow prices below cost on this level first';
    f.categoryMarkups.forEach((c, i) => {
      if (c.markupPercent < 0) problems[`categoryMarkups.${i}.markupPercent`] = 'A negative markup prices below cost: allow prices below cost on this level first';
    });
  }
  f.products.forEach((p, i) => {
    const cost = costOf.get(p.productId);
    if (cost === undefined) return void (problems[`products.${i}.productId`] = 'This product is not in the catalogue');
    if (f.allowBelowCost) return;
    if (p.unitPrice !== null && cents(p.unitPrice) < cost) problems[`products.${i}.unitPrice`] = 'Below cost: allow prices below cost on this level first';
    p.breaks.forEach((b, j) => {
      if (cents(b.unitPrice) < cost) problems[`products.${i}.breaks.${j}.unitPrice`] = 'Below cost: allow prices below cost on this level first';
    });
  });
  if (Object.keys(problems).length > 0) throw validationFailed(problems);
  return {
    name: f.name,
    nameKey: f.name.toLowerCase(),
    markupPercent: f.markupPercent,
    categoryMarkups: f.categoryMarkups,
    products: f.products.map((p) => ({
      productId: new Types.ObjectId(p.productId),
      unitPriceCents: p.unitPrice === null ? null : cents(p.unitPrice),
      breaks: p.breaks.map((b) => ({ minQuantity: b.minQuantity, unitPriceCents: cents(b.unitPrice) })).sort((a, b) => a.minQuantity - b.minQuantity),
    })),
    allowBelowCost: f.allowBelowCost,
  };
}

/** The audit record's before → after: each changed field, as the API shows it. */
function changesOf(before: PriceLevelFields | null, after: PriceLevelFields | null) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['name', 'markupPercent', 'categoryMarkups', 'products', 'allowBelowCost'] as const) {
    const from = before ? before[key] : null;
    const to = after ? after[key] : null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

export async function createPriceLevel(actor: Actor, input: PriceLevelFields): Promise<StoredLevel> {
  const { principal, scope } = actor;
  priceLevelPolicy.authorize(principal, 'priceLevel.create', undefined, forbidden);
  const fields = await storedFields(scope, input);
  const _id = new Types.ObjectId();
  const event = auditEventFor(actor, {
    action: 'price_level.created',
    target: { type: 'price_level', id: _id, label: fields.name },
    changes: changesOf(null, input),
  });
  try {
    await scopedDoc(
      new PriceLevel({ _id, ...withCreationAudit(event), ...fields, distributorId: principal.distributorId, resellerId: principal.resellerId, isDefault: false }),
      scope,
    ).save();
  } catch (err) {
    if (isDuplicateKey(err)) throw validationFailed({ name: DUPLICATE_NAME }, DUPLICATE_NAME);
    throw err;
  }
  await settleAudit(actor, PriceLevel, { _id, ...withCreationAudit(event) });
  return getPriceLevel(scope, _id.toHexString());
}

/** Applies an edit made on `revision`: one conditional update, so of racing edits exactly one wins and the rest get 409. */
export async function updatePriceLevel(actor: Actor, id: string, input: UpdatePriceLevel): Promise<StoredLevel> {
  const { principal, scope } = actor;
  priceLevelPolicy.authorize(principal, 'priceLevel.edit', undefined, forbidden);
  const before = await getPriceLevel(scope, id);
  const { revision, ...rest } = input;
  const fields = await storedFields(scope, rest);
  const event = auditEventFor(actor, {
    action: 'price_level.updated',
    target: { type: 'price_level', id: before._id, label: fields.name },
    resellerId: before.resellerId,
    changes: changesOf(levelFields(before), rest),
  });
  let updated;
  try {
    updated = await scoped(
      PriceLevel.findOneAndUpdate({ _id: before._id, revision }, { $set: fields, $inc: { revision: 1 }, ...pushAudit(event) }, { returnDocument: 'after' }),
      scope,
    ).lean();
  } catch (err) {
    if (isDuplicateKey(err)) throw validationFailed({ name: DUPLICATE_NAME }, DUPLICATE_NAME);
    throw err;
  }
  if (!updated) throw conflict('This price level was changed by someone else since you opened it. Reload to see the latest version.', 'stale');
  await settleAudit(actor, PriceLevel, updated);
  return updated as StoredLevel;
}

/** Deletes a level no customer uses; the default level is never deleted. */
export async function deletePriceLevel(actor: Actor, id: string): Promise<void> {
  const { principal, scope } = actor;
  const level = await getPriceLevel(scope, id);
  priceLevelPolicy.authorize(principal, 'priceLevel.delete', { isDefault: level.isDefault }, () =>
    conflict('The default price level cannot be deleted: every category without a level of its own uses it.'),
  );
  const using = await customersUsing(scope, level);
  if (using > 0) {
    throw conflict(`“${level.name}” is used by ${using} ${using === 1 ? 'customer' : 'customers'}: give them another level first.`, 'conflict', { customersUsing: String(using) });
  }
  // Decided on the revision read (an edit in between is not deleted unseen), with its audit event in
  // the level's own outbox; the level goes once the event is in the audit log.
  const event = auditEventFor(actor, {
    action: 'price_level.deleted',
    target: { type: 'price_level', id: level._id, label: level.name },
    resellerId: level.resellerId,
    changes: changesOf(levelFields(level), null),
  });
  const marked = await scoped(
    PriceLevel.findOneAndUpdate({ _id: level._id, revision: level.revision }, { $set: { deleting: true }, $inc: { revision: 1 }, ...pushAudit(event) }, { returnDocument: 'after' }),
    scope,
  ).lean();
  if (!marked) throw conflict('This price level was changed by someone else since you opened it. Reload to see the latest version.', 'stale');
  await settleAudit(actor, PriceLevel, marked);
  await removeIfLogged(level._id);
}

