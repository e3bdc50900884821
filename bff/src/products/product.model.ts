import { Schema, model, type InferSchemaType } from 'mongoose';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

/** The distributor's catalogue; visible to its whole subtree, changed only by the distributor. */
const productSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    sku: { type: String, required: true, trim: true },
    name: { type: String, required: true, trim: true },
    category: { type: String, required: true, trim: true },
    unitCostCents: { type: Number, required: true, min: 0 },
    billing: { type: String, enum: ['one_time', 'monthly'], required: true },
    provisioning: { type: String, enum: ['automatic', 'manual'], required: true },
    active: { type: Boolean, required: true, default: true },
  },
  { timestamps: true },
);
productSchema.index({ distributorId: 1, sku: 1 }, { unique: true });
productSchema.index({ distributorId: 1, category: 1, name: 1, _id: 1 });
productSchema.plugin(tenantPlugin, { distributor: 'distributorId' });

export type ProductDoc = InferSchemaType<typeof productSchema>;
export const Product = model('Product', productSchema);
