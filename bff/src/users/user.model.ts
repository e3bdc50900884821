import { Schema, model, type InferSchemaType } from 'mongoose';
import { COMPANY_ROLES, ROLES, USER_STATES } from '@app/shared';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

/** Everyone who signs in: distributor staff, reseller staff and storefront users. */
const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    /**
     * Where the email must be unique: `staff` for staff, the reseller's id for storefront users
     * ("unique within the reseller's storefront"). Enforced by the unique index below.
     */
    loginRealm: { type: String, required: true },
    passwordHash: { type: String, default: null },
    role: { type: String, enum: ROLES, required: true },
    distributorId: { type: Schema.Types.ObjectId, required: true },
    resellerId: { type: Schema.Types.ObjectId, default: null },
    customerId: { type: Schema.Types.ObjectId, default: null },
    firstName: { type: String, required: true, trim: true },
    lastName: { type: String, required: true, trim: true },
    language: { type: String, required: true, default: 'en' },
    dateFormat: { type: String, required: true, default: 'DD/MM/YYYY' },
    state: { type: String, enum: USER_STATES, required: true, default: 'pending_activation' },
    lastSignInAt: { type: Date, default: null },
    /** A storefront user's role inside its company; unset (older accounts) reads as `admin`. */
    companyRole: { type: String, enum: [...COMPANY_ROLES, null], default: undefined },
    /** A storefront user's spending limits in cents (null: none): above them an order waits for approval. */
    orderLimitCents: { type: Number, default: null },
    monthlyLimitCents: { type: Number, default: null },
  },
  { timestamps: true },
);
userSchema.index({ loginRealm: 1, email: 1 }, { unique: true });
userSchema.index({ email: 1 });
userSchema.index({ distributorId: 1, resellerId: 1, customerId: 1, lastName: 1, _id: 1 });
// A customer's storefront users, as listed (by name), for its reseller and for the distributor.
userSchema.index({ distributorId: 1, customerId: 1, lastName: 1, firstName: 1, _id: 1 });
// A reseller's staff users by name, on its page for the distributor (reseller-management/reseller-staff.ts).
userSchema.index({ distributorId: 1, resellerId: 1, role: 1, lastName: 1, firstName: 1, _id: 1 });
// Audit events of changes to this document wait here until moved to the audit log.
userSchema.plugin(auditOutboxPlugin);
userSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId' });

export type UserDoc = InferSchemaType<typeof userSchema>;
export const User = model('User', userSchema);
