import mongoose from 'mongoose';
import { RateLimiterMongo } from 'rate-limiter-flexible';
import { RateLimit } from './rate-limit.model.js';

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  /** The window, in seconds. */
  duration: number;
  /**
   * Prepended to every key. Empty in the server, so every process counts in the same counters;
   * tests give each app its own, so one test's failures do not spend another's budget.
   */
  namespace?: string;
}

type DriverCollection = mongoose.mongo.Collection;

/**
 * The limits' collection as RateLimiterMongo asks for it, resolved on each call rather than once:
 * the limiter is built before the database is connected (app construction, test harnesses), and
 * a test run reconnects to another database per file. Its writes go through the driver, so on
 * FerretDB they take the data layer's in-process locks (serialised-writes.ts): `$inc` counts stay
 * exact inside one process.
 */
function liveCollection(): Pick<DriverCollection, 'findOneAndUpdate' | 'findOne' | 'deleteOne'> {
  const current = (): DriverCollection => {
    const db = mongoose.connection.db;
    if (!db) throw new Error('rate limits: the database is not connected');
    return db.collection(RateLimit.collection.collectionName);
  };
  return {
    findOneAndUpdate: ((...args: Parameters<DriverCollection['findOneAndUpdate']>) => current().findOneAndUpdate(...args)) as DriverCollection['findOneAndUpdate'],
    findOne: ((...args: Parameters<DriverCollection['findOne']>) => current().findOne(...args)) as DriverCollection['findOne'],
    deleteOne: ((...args: Parameters<DriverCollection['deleteOne']>) => current().deleteOne(...args)) as DriverCollection['deleteOne'],
  };
}

/**
 * A fixed-window limiter whose counters live in the database, so that all BFF processes count
 * together (MongoDB applies each `$inc` atomically). Indexes come from the RateLimit model
 * (syncAllIndexes); the library's own would add a TTL index, which FerretDB lacks.
 */
export function databaseLimiter({ keyPrefix, points, duration, namespace = '' }: LimiterOptions): RateLimiterMongo {
  return new RateLimiterMongo({
    storeClient: { collection: () => liveCollection() },
    tableName: RateLimit.collection.collectionName,
    disableIndexesCreation: true,
    keyPrefix: `${namespace}${keyPrefix}`,
    points,
    duration,
  });
}

/** Removes counters whose window has passed (no TTL index); run by the periodic housekeeping. */
export async function purgeExpiredRateLimits(now = new Date()): Promise<number> {
  const { deletedCount } = await RateLimit.deleteMany({ expire: { $ne: null, $lte: now } });
  return deletedCount;
}
