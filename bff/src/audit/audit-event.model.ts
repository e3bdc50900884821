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
  },
  action: { type: String, required: true },
  target: {
    type: { type: String, required: true },
    id: { type: Schema.Types.ObjectId, required: true },
  },
  /** Field-level before/after values; never secrets. */
  changes: { type: Schema.Types.Mixed, default: null },
  ip: { type: String, default: null },
  userAgent: { type: String, default: null },
  requestId: { type: String, default: null },
});
auditEventSchema.index({ distributorId: 1, resellerId: 1, at: -1 });
auditEventSchema.index({ distributorId: 1, 'target.id': 1, at: -1 });
auditEventSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId' });

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema>;
export const AuditEvent = model('AuditEvent', auditEventSchema);
