import { Schema, model, type InferSchemaType } from 'mongoose';

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
});
sessionSchema.index({ userId: 1, endedAt: 1 });
sessionSchema.index({ expiresAt: 1 });

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
export const Session = model('Session', sessionSchema);
