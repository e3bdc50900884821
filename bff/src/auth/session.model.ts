import { Schema, model, type InferSchemaType } from 'mongoose';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';

/**
 * One signed-in browser. The JWT names this record (jti), so logging out or deactivating a user
 * ends the session on the server: the next request finds it ended. Not tenant data: only the auth
 * module reads it, by id. Expired records are ignored by their stored expiry (no TTL index, which
 * FerretDB lacks) and removed by purgeExpiredSessions.
 */
const sessionSchema = new Schema({
  _id: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  endedAt: { type: Date, default: null },
  ip: { type: String, default: null },
  userAgent: { type: String, default: null },
  /**
   * Staff looking at a customer's storefront as one of its users (read-only) until `expiresAt`.
   * Its start and end are audited through this record's outbox, in the same write that sets or
   * clears it.
   */
  viewAs: {
    type: new Schema(
      {
        userId: { type: Schema.Types.ObjectId, required: true },
        customerId: { type: Schema.Types.ObjectId, required: true },
        startedAt: { type: Date, required: true },
        expiresAt: { type: Date, required: true },
      },
      { _id: false },
    ),
    default: null,
  },
});
sessionSchema.plugin(auditOutboxPlugin);
sessionSchema.index({ userId: 1, endedAt: 1 });
sessionSchema.index({ expiresAt: 1 });
sessionSchema.index({ 'viewAs.expiresAt': 1 });

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
export const Session = model('Session', sessionSchema);
