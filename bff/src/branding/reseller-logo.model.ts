import { Schema, model, type InferSchemaType } from 'mongoose';
import { BRAND_LOGO_TYPES } from '@app/shared';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

/**
 * A reseller's logo image, apart from the reseller (its grid and pages never carry the bytes).
 * Each upload is a new document the reseller then points at (`branding.logo.id`); the one it
 * replaced is deleted after, so a refused or stale upload leaves the shown logo as it was.
 */
const resellerLogoSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    resellerId: { type: Schema.Types.ObjectId, required: true },
    contentType: { type: String, enum: BRAND_LOGO_TYPES, required: true },
    data: { type: Buffer, required: true },
  },
  { timestamps: true },
);
resellerLogoSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId' });

export type ResellerLogoDoc = InferSchemaType<typeof resellerLogoSchema>;
export const ResellerLogo = model('ResellerLogo', resellerLogoSchema);
