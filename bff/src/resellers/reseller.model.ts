import { Schema, model, type InferSchemaType } from 'mongoose';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

const PAYMENT_METHODS = ['credit_card', 'cash', 'deposit'] as const;

const resellerSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, trim: true },
    contactEmail: { type: String, required: true, lowercase: true, trim: true },
    phone: { type: String, default: '' },
    city: { type: String, default: '' },
    country: { type: String, default: '' },
    /** Set by the distributor only; `credit_card` forces order approval for every customer (rule 1). */
    paymentMethod: { type: String, enum: PAYMENT_METHODS, required: true },
    markupPercent: { type: Number, required: true, min: 0, max: 1000 },
  },
  { timestamps: true },
);
resellerSchema.index({ distributorId: 1, name: 1, _id: 1 });
resellerSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: '_id' });

export type ResellerDoc = InferSchemaType<typeof resellerSchema>;
export const Reseller = model('Reseller', resellerSchema);
