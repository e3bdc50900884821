import { Schema, model, type InferSchemaType } from 'mongoose';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

const breakSchema = new Schema({ minQuantity: { type: Number, required: true, min: 2 }, unitPriceCents: { type: Number, required: true, min: 0 } }, { _id: false });

const productPriceSchema = new Schema(
  {
    productId: { type: Schema.Types.ObjectId, required: true },
    /** A fixed unit price for this product; null: the category's markup on the cost. */
    unitPriceCents: { type: Number, default: null, min: 0 },
    breaks: { type: [breakSchema], default: [] },
  },
  { _id: false },
);

/** A reseller's named price level: a markup per product category, per-product prices and quantity breaks. */
const priceLevelSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    resellerId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, trim: true },
    /** Lower-cased name: unique per reseller. */
    nameKey: { type: String, required: true },
    /** The level every category of every customer takes unless assigned another (one per reseller). */
    isDefault: { type: Boolean, required: true, default: false },
    /** For every category without its own entry in categoryMarkups. */
    markupPercent: { type: Number, required: true, min: -100, max: 1000 },
    categoryMarkups: { type: [new Schema({ category: { type: String, required: true }, markupPercent: { type: Number, required: true, min: -100, max: 1000 } }, { _id: false })], default: [] },
    products: { type: [productPriceSchema], default: [] },
    /** Only then may a price fall below cost (a negative margin, flagged on the approval card). */
    allowBelowCost: { type: Boolean, required: true, default: false },
    /** Bumped on every edit: an update sent with an older revision is stale (409). */
    revision: { type: Number, required: true, default: 1 },
    /**
     * Being deleted: set, with the deletion's audit event in the outbox, by the write that decides
     * the deletion; the document goes once the event is in the audit log (at once, or at start-up
     * after a crash: finishPriceLevelDeletes), so the event never goes with it.
     */
    deleting: { type: Boolean, default: undefined },
  },
  { timestamps: true },
);
priceLevelSchema.index({ distributorId: 1, resellerId: 1, nameKey: 1 }, { unique: true });
priceLevelSchema.plugin(auditOutboxPlugin);
priceLevelSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId' });

export type PriceLevelDoc = InferSchemaType<typeof priceLevelSchema>;
export const PriceLevel = model('PriceLevel', priceLevelSchema);
