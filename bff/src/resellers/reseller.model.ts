import { Schema, model, type InferSchemaType } from 'mongoose';
import { RESELLER_STATUSES } from '@app/shared';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';
import { figureTargetPlugin } from '../figures/kept-figures.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

const PAYMENT_METHODS = ['credit_card', 'cash', 'deposit'] as const;

const resellerSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, trim: true },
    contactName: { type: String, default: '' },
    contactEmail: { type: String, required: true, lowercase: true, trim: true },
    phone: { type: String, default: '' },
    city: { type: String, default: '' },
    country: { type: String, default: '' },
    /**
     * Set by the distributor only; `credit_card` forces order approval for every customer (rule 1).
     * Read wherever approval is decided, so a change applies to every customer at once.
     */
    paymentMethod: { type: String, enum: PAYMENT_METHODS, required: true },
    /** Credit (invoices/): an invoice overdue by more than this many days holds the customers' orders for approval. */
    overdueApprovalDays: { type: Number, default: 30 },
    markupPercent: { type: Number, required: true, min: 0, max: 1000 },
    /** Suspended by the distributor: its staff and storefront users cannot sign in (rule 8). */
    status: { type: String, enum: RESELLER_STATUSES, required: true, default: 'active' },
    /** Derived by resellerDerivedFields (reseller-keys.ts) on every write: sort and search keys. */
    nameKey: { type: String, required: true },
    // Any part of it is searched (`$regex`): a trigram index in the embedded database (db/postgres-indexes.ts).
    searchText: { type: String, required: true, substringSearch: true },
    /**
     * The storefront's look, set by the reseller's own staff (branding/): an accent colour checked
     * for contrast, and the logo's facts (its bytes are a ResellerLogo of their own).
     */
    branding: {
      type: new Schema(
        {
          accentColor: { type: String, default: null },
          logo: {
            type: new Schema({ id: { type: Schema.Types.ObjectId, required: true }, contentType: { type: String, required: true }, bytes: { type: Number, required: true }, updatedAt: { type: Date, required: true } }, { _id: false }),
            default: null,
          },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Bumped on every change: an update sent with an older revision is stale (409). */
    revision: { type: Number, required: true, default: 1 },
  },
  { timestamps: true },
);
// Tenant key first; each grid sort ends in _id (keyset pagination).
for (const key of ['nameKey', 'contactEmail', 'paymentMethod', 'status']) resellerSchema.index({ distributorId: 1, [key]: 1, _id: 1 });
// The figure columns sort by the kept figures, ties by name.
for (const key of ['customers', 'runRateCents', 'pendingApproval', 'inProgress']) resellerSchema.index({ distributorId: 1, [`keptFigures.${key}`]: 1, nameKey: 1, _id: 1 });
// Audit events of changes to this document wait here until moved to the audit log.
resellerSchema.plugin(auditOutboxPlugin);
// Its subtree's figures, kept as customers and orders change (figures/kept-figures.ts).
resellerSchema.plugin(figureTargetPlugin);
resellerSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: '_id' });

export type ResellerDoc = InferSchemaType<typeof resellerSchema>;
export const Reseller = model('Reseller', resellerSchema);
