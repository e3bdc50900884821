import { createHash } from 'node:crypto';
import mongoose from 'mongoose';

/** Each collection of the test database: its document count and a hash of every document, in _id order. */
export type DatabaseSnapshot = Record<string, string>;

/**
 * A fingerprint of the whole database, to prove a refused request wrote nothing anywhere (not
 * only in the document it aimed at): compare one taken before with one taken after.
 */
export async function snapshotDatabase(): Promise<DatabaseSnapshot> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('snapshotDatabase: not connected');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const entries = await Promise.all(
    names.map(async (name) => {
      const hash = createHash('sha256');
      let count = 0;
      for await (const doc of db.collection(name).find({}).sort({ _id: 1 })) {
        hash.update(JSON.stringify(doc));
        count++;
      }
      return [name, `${count} docs, ${hash.digest('hex').slice(0, 16)}`] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** The collections whose contents differ between two snapshots (empty when nothing was written). */
export function changedCollections(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).map((n) => `${n}: ${before[n] ?? 'absent'} → ${after[n] ?? 'absent'}`);
}
