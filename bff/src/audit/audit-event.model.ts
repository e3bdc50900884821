import { Schema, model, type InferSchemaType } from 'mongoose';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

/** Who did what to which object, when and from where; written for every change. */
const auditEventSchema = new Schema({
  distributorId: { type: Schema.Types.ObjectId, required: true },
  resellerId: { type: Schema.Types.ObjectId, default: null },
  customerId: { type: Schema.Types.ObjectId, default: null },
  at: { type: Date, required: true },
  actor: {
    userId: { type: Schema.Types.ObjectId, default: null },
    role: { type: String, required: true },
    name: { type: String, required: true },
    /** Absent on events written before it was recorded. */
    email: { type: String, default: null },
  },
  action: { type: String, required: true },
  target: {
    type: { type: String, required: true },
    id: { type: Schema.Types.ObjectId, required: true },
    /** What the object was called at the time (company name, order number, person): no join to show it. */
    label: { type: String, default: null },
  },
  /** The customer's name at the time, for events about a customer or anything of it. */
  customerName: { type: String, default: null },
  /** Field-level before/after values; never secrets. */
  changes: { type: Schema.Types.Mixed, default: null },
  ip: { type: String, default: null },
  userAgent: { type: String, default: null },
  requestId: { type: String, default: null },
});
// The log pages by time (plus _id, the keyset tiebreak) inside a tenant; the filters narrow it.
// The distributor's whole log, newest first; then a reseller's, a customer's, one object's.
auditEventSchema.index({ distributorId: 1, at: -1, _id: -1 });
auditEventSchema.index({ distributorId: 1, resellerId: 1, at: -1, _id: -1 });
auditEventSchema.index({ distributorId: 1, customerId: 1, at: -1, _id: -1 });
auditEventSchema.index({ distributorId: 1, 'target.id': 1, at: -1, _id: -1 });
auditEventSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId' });

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema>;
export const AuditEvent = model('AuditEvent', auditEventSchema);
