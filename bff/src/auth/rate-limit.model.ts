import { Schema, model } from 'mongoose';

/**
 * The counters of the sign-in and reset-mail limits, shared by every BFF process (rate-limiter-
 * flexible's RateLimiterMongo writes them: `key`, `points`, `expire`). Declared as a model only so
 * that index creation makes its unique key: without it, two first failures at once could insert two
 * counters for one key, and the library's "expired: replace it" path relies on the duplicate-key
 * refusal. No TTL index (FerretDB has none): expired counters are ignored by their stored `expire`
 * and removed by purgeExpiredRateLimits.
 */
const rateLimitSchema = new Schema(
  {
    key: { type: String, required: true },
    points: { type: Number, required: true },
    expire: { type: Date, default: null },
  },
  { collection: 'rate_limits', versionKey: false },
);
rateLimitSchema.index({ key: 1 }, { unique: true });
rateLimitSchema.index({ expire: 1 });

export const RateLimit = model('RateLimit', rateLimitSchema);
