import type { Types } from 'mongoose';
import { Customer } from '../customers/customer.model.js';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { DEFAULT_PRICE_LEVEL_NAME, defaultPriceLevelIdOf } from '../resellers/default-price-level.js';
import { Reseller } from '../resellers/reseller.model.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { PriceLevel } from './price-level.model.js';

/** A reseller's default level made from its single markup (every category at that markup): existing prices stay. */
export async function ensureDefaultPriceLevel(reseller: { _id: Types.ObjectId; distributorId: Types.ObjectId; markupPercent: number }): Promise<boolean> {
  const now = new Date();
  try {
    await PriceLevel.collection.insertOne({
      _id: defaultPriceLevelIdOf(reseller._id), distributorId: reseller.distributorId, resellerId: reseller._id,
      name: DEFAULT_PRICE_LEVEL_NAME, nameKey: DEFAULT_PRICE_LEVEL_NAME.toLowerCase(), isDefault: true, markupPercent: reseller.markupPercent,
      categoryMarkups: [], products: [], allowBelowCost: false, revision: 1, createdAt: now, updatedAt: now,
    });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false; // made already (an earlier start, or another process now)
    throw err;
  }
}

/**
 * At start-up, from one markup per reseller to price levels. Idempotent: a reseller with its
 * default level (found by its derived id) is not touched, and a customer with its levels marked
 * is not touched; run twice or in two processes, it makes each level once.
 */
export async function migrateToPriceLevels(): Promise<{ levels: number; customers: number }> {
  const resellers = await unsafeUnscoped(Reseller.find({}, { distributorId: 1, markupPercent: 1 }), 'start-up: each reseller gets its default price level').lean();
  let levels = 0;
  let customers = 0;
  for (const r of resellers) {
    if (await ensureDefaultPriceLevel(r)) levels++;
    const unmarked = { distributorId: r.distributorId, resellerId: r._id, priceLevelIds: { $exists: false } };
    // Asked first (a read the SQL layer serves): on FerretDB the update reads every customer of the
    // reseller in its own process, at every start, which at 100k customers outlasted the socket's 30 s.
    if (!(await unsafeUnscoped(Customer.exists(unmarked), 'start-up: customers not yet priced by a level'))) continue;
    const marked = await unsafeUnscoped(
      Customer.updateMany(unmarked, { $set: { priceLevels: [], priceLevelIds: [defaultPriceLevelIdOf(r._id)] } }),
      'start-up: customers priced by their reseller’s default level',
    );
    customers += marked.modifiedCount;
  }
  return { levels, customers };
}
