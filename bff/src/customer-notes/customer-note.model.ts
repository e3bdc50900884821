import { Schema, model, type InferSchemaType } from 'mongoose';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

/** A note staff wrote on a customer's record; its author may change it for 15 minutes, then it stays. */
const customerNoteSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    resellerId: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true },
    /** The author's name at the time: the record shows it without a join. */
    authorName: { type: String, required: true },
    editedAt: { type: Date, default: null },
    /**
     * A deleted note is kept, marked, so its deletion's audit event can travel in the same write
     * (audit-outbox.ts); nothing shows it again.
     */
    deleted: { type: Boolean, required: true, default: false },
    /** Bumped on every edit: an edit sent with an older revision lost a race (409). */
    revision: { type: Number, required: true, default: 1 },
  },
  { timestamps: true },
);
// The record's timeline: a customer's notes, newest first (for its reseller and its distributor alike).
customerNoteSchema.index({ distributorId: 1, customerId: 1, createdAt: -1, _id: -1 });
customerNoteSchema.plugin(auditOutboxPlugin);
customerNoteSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId' });

export type CustomerNoteDoc = InferSchemaType<typeof customerNoteSchema>;
export const CustomerNote = model('CustomerNote', customerNoteSchema);
