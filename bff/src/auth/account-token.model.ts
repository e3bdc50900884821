import { Schema, model } from 'mongoose';
import { deliveryOutboxPlugin } from '../deliveries/delivery-outbox.js';

/**
 * Activation and password-reset links. Only the SHA-256 of the 32 random bytes is stored (the _id),
 * so a copy of the database cannot be turned into working links. Single use (usedAt) and expiring
 * (expiresAt, checked on redemption: FerretDB has no TTL indexes). Read only by auth, by hash.
 */
const accountTokenSchema = new Schema({
  _id: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  purpose: { type: String, enum: ['activation', 'reset'], required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
});
accountTokenSchema.index({ userId: 1, purpose: 1, usedAt: 1 });
// The email carrying the link is written with the token, then moved to the delivery queue.
accountTokenSchema.plugin(deliveryOutboxPlugin);

export const AccountToken = model('AccountToken', accountTokenSchema);
