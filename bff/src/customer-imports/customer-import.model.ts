import { Schema, model, type InferSchemaType } from 'mongoose';
import { IMPORT_OUTCOMES, IMPORT_STATES } from '@app/shared';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

const countsSchema = new Schema(
  { create: { type: Number, default: 0 }, update: { type: Number, default: 0 }, unchanged: { type: Number, default: 0 }, refused: { type: Number, default: 0 } },
  { _id: false },
);

/** One upload of customers and their storefront users: its dry run's and its application's counts. */
const customerImportSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    resellerId: { type: Schema.Types.ObjectId, required: true },
    fileName: { type: String, required: true },
    /** Moves checked → applying → applied, each step one conditional update (applied once, whoever confirms). */
    state: { type: String, enum: IMPORT_STATES, required: true },
    sendActivation: { type: Boolean, required: true },
    rows: { type: Number, required: true },
    checked: { type: countsSchema, required: true },
    applied: { type: countsSchema, default: null },
    createdByUserId: { type: Schema.Types.ObjectId, required: true },
    createdByName: { type: String, required: true },
    appliedAt: { type: Date, default: null },
    /**
     * While applying: until when the applying request holds the import, renewed after each batch.
     * Lapsed (its process ended mid-way), the import may be confirmed again and goes on from the
     * first batch not yet applied.
     */
    leaseUntil: { type: Date, default: null },
  },
  { timestamps: true },
);
// The Imports list: a reseller's imports, newest first.
customerImportSchema.index({ distributorId: 1, resellerId: 1, createdAt: -1, _id: -1 });
customerImportSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId' });
export type CustomerImportDoc = InferSchemaType<typeof customerImportSchema>;
export const CustomerImport = model('CustomerImport', customerImportSchema);

const importRowSchema = new Schema(
  {
    /** The row's number in the file (the header is row 1). */
    rowNumber: { type: Number, required: true },
    /** The dry run's verdict, then what applying did. */
    outcome: { type: String, enum: IMPORT_OUTCOMES, required: true },
    reasons: { type: [String], default: [] },
    email: { type: String, default: '' },
    companyName: { type: String, default: '' },
    /** The row's values as read (text, never evaluated), for applying. */
    values: { type: Schema.Types.Mixed, required: true },
  },
  { _id: false },
);

/**
 * A run of up to 500 consecutive data rows of an import, normalised by the dry run: between the
 * dry run and the confirmation the rows live here (the uploaded file is deleted once read), and
 * confirming applies them batch by batch. One document per batch: a 50,000-row file is 100
 * scoped writes, not 50,000.
 */
const customerImportBatchSchema = new Schema({
  distributorId: { type: Schema.Types.ObjectId, required: true },
  resellerId: { type: Schema.Types.ObjectId, required: true },
  importId: { type: Schema.Types.ObjectId, required: true },
  index: { type: Number, required: true },
  /** The last row's number: the report pages by row number. */
  lastRow: { type: Number, required: true },
  rows: { type: [importRowSchema], default: [] },
  /** Set with the rows' applied outcomes, in one write: a resumed import skips it. */
  applied: { type: Boolean, default: false },
});
customerImportBatchSchema.index({ distributorId: 1, resellerId: 1, importId: 1, index: 1 }, { unique: true });
customerImportBatchSchema.index({ distributorId: 1, resellerId: 1, importId: 1, lastRow: 1 });
customerImportBatchSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId' });
export type CustomerImportBatchDoc = InferSchemaType<typeof customerImportBatchSchema>;
export const CustomerImportBatch = model('CustomerImportBatch', customerImportBatchSchema);
