import { Schema, model } from 'mongoose';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

/** Every SSO token issued, by its jti: who, for which customer and target, until when, redeemed when. */
const ssoGrantSchema = new Schema({
  _id: { type: String, required: true },
  distributorId: { type: Schema.Types.ObjectId, required: true },
  resellerId: { type: Schema.Types.ObjectId, required: true },
  customerId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  target: { type: String, required: true },
  issuedAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  /** Set once, by the first redemption of the jti (sso-redeem.ts). */
  redeemedAt: { type: Date, default: null },
});
ssoGrantSchema.index({ distributorId: 1, resellerId: 1, issuedAt: -1 });
ssoGrantSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId' });

export const SsoGrant = model('SsoGrant', ssoGrantSchema);
