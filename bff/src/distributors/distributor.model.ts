import { Schema, model, type InferSchemaType } from 'mongoose';
import { figureTargetPlugin } from '../figures/kept-figures.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

const distributorSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    /** The distributor's own portal: the SSO links send resellers there. */
    workspaceUrl: { type: String, required: true },
    currency: { type: String, required: true, default: 'EUR' },
    /** Starts every order number of this distributor (`NW-000123`). */
    orderPrefix: { type: String, required: true, default: 'ORD' },
  },
  { timestamps: true },
);
// Its subtree's figures, kept as customers and orders change (figures/kept-figures.ts).
distributorSchema.plugin(figureTargetPlugin);
distributorSchema.plugin(tenantPlugin, { distributor: '_id' });

export type DistributorDoc = InferSchemaType<typeof distributorSchema>;
export const Distributor = model('Distributor', distributorSchema);
