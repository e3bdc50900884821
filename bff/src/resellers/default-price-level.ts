import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * The id of a reseller's default price level, derived from the reseller's: the start-up migration,
 * a new reseller and a new customer all name it without a lookup, and a second insert of the same
 * default level meets the `_id` index instead of making two.
 */
export const defaultPriceLevelIdOf = (resellerId: Types.ObjectId): Types.ObjectId =>
  new Types.ObjectId(createHash('sha256').update(`price-level:default:${resellerId.toHexString()}`).digest('hex').slice(0, 24));

/** What the default level is called when it is made from the reseller's single markup. */
export const DEFAULT_PRICE_LEVEL_NAME = 'Standard';
