import { Reseller } from '../resellers/reseller.model.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { resellerDerivedFields } from './reseller-keys.js';

/**
 * Resellers stored before the console (issue 12) lack their sort/search keys, status and revision;
 * gives them those once, at start-up. Idempotent: a reseller that has its keys is not touched.
 */
export async function backfillResellerFields(): Promise<number> {
  const old = await unsafeUnscoped(Reseller.find({ searchText: { $exists: false } }), 'start-up: resellers without their derived fields').lean();
  for (const r of old) {
    await unsafeUnscoped(
      Reseller.updateOne(
        { _id: r._id, searchText: { $exists: false } },
        { $set: { ...resellerDerivedFields(r), status: r.status ?? 'active', revision: r.revision ?? 1, contactName: r.contactName ?? '' } },
      ),
      'start-up: backfilling a reseller',
    );
  }
  return old.length;
}
