import { z } from 'zod';
import { objectIdSchema } from './common.js';
import { downloadTokenSchema } from './exports.js';

/**
 * Payment terms of a customer: paid before despatch, or due N days after the invoice date.
 * Amounts here are in minor units (cents); a VAT rate in basis points (2400 = 24 %).
 */
export const PAYMENT_TERMS = ['prepaid', 'net_0', 'net_15', 'net_30', 'net_60'] as const;
export const paymentTermsSchema = z.enum(PAYMENT_TERMS).meta({ id: 'PaymentTerms' });
export type PaymentTerms = z.infer<typeof paymentTermsSchema>;

export const PAYMENT_TERMS_LABEL: Record<PaymentTerms, string> = {
  prepaid: 'Prepaid (payment before despatch)',
  net_0: 'Net 0 (due on the invoice date)',
  net_15: 'Net 15 days',
  net_30: 'Net 30 days',
  net_60: 'Net 60 days',
};

/** Days from the invoice date to its due date; prepaid is due at once. */
export const PAYMENT_TERMS_DAYS: Record<PaymentTerms, number> = { prepaid: 0, net_0: 0, net_15: 15, net_30: 30, net_60: 60 };

/** The highest credit limit accepted: 1 000 000 000.00 in minor units (fits a double exactly). */
export const MAX_AMOUNT_CENTS = 100_000_000_000;

export const creditTermsSchema = z
  .object({
    paymentTerms: paymentTermsSchema,
    /** Null: no limit. */
    creditLimitCents: z.number().int('Must be a whole number of cents').min(0, 'Must be 0 or more').max(MAX_AMOUNT_CENTS, 'Too large').nullable(),
    /** Basis points: 2400 is 24 %; 0 allowed. */
    vatRateBp: z.number().int('Must be whole basis points (2400 = 24 %)').min(0, 'Must be 0 or more').max(10_000, 'Must be at most 100 %'),
  })
  .meta({ id: 'CreditTerms' });
export type CreditTerms = z.infer<typeof creditTermsSchema>;

export const setCreditTermsSchema = creditTermsSchema.extend({ revision: z.number().int().min(1) }).meta({ id: 'SetCreditTerms' });
export type SetCreditTerms = z.infer<typeof setCreditTermsSchema>;

/** What a customer without terms set has: prepaid, no limit, no VAT. */
export const DEFAULT_CREDIT_TERMS: CreditTerms = { paymentTerms: 'prepaid', creditLimitCents: null, vatRateBp: 0 };

export const INVOICE_KINDS = ['invoice', 'credit_note'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** Open: nothing paid yet; partly paid; paid (nothing left); overdue: something left past the due date; credited: wholly reversed. */
export const INVOICE_STATUSES = ['open', 'partly_paid', 'paid', 'overdue', 'credited'] as const;
export const invoiceStatusSchema = z.enum(INVOICE_STATUSES).meta({ id: 'InvoiceStatus' });
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;
export const INVOICE_STATUS_LABEL: Record<InvoiceStatus, string> = { open: 'Open', partly_paid: 'Partly paid', paid: 'Paid', overdue: 'Overdue', credited: 'Credited' };

const partySchema = z.object({ name: z.string(), taxId: z.string(), lines: z.array(z.string()), email: z.string() });

export const invoiceLineSchema = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPriceCents: z.number().int(),
  vatRateBp: z.number().int(),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  grossCents: z.number().int(),
  /** On a credit note: the line of the invoice it reverses (0-based). */
  invoiceLine: z.number().int().nullable(),
});

/** An invoice or credit note as staff and the customer's accounts users see it: never a cost. */
export const invoiceSchema = z
  .object({
    id: objectIdSchema,
    kind: z.enum(INVOICE_KINDS),
    number: z.string(),
    customerId: objectIdSchema,
    customerName: z.string(),
    orderId: objectIdSchema.nullable(),
    orderNumber: z.string().nullable(),
    invoiceId: objectIdSchema.nullable(),
    invoiceNumber: z.string().nullable(),
    /** A monthly subscription invoice: the month it bills (`2026-11`); null for an order's invoice and a credit note. */
    billingMonth: z.string().nullable(),
    issuedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().nullable(),
    paymentTerms: paymentTermsSchema.nullable(),
    currency: z.string(),
    seller: partySchema,
    buyer: partySchema,
    lines: z.array(invoiceLineSchema),
    netCents: z.number().int(),
    vatCents: z.number().int(),
    totalCents: z.number().int(),
    creditedCents: z.number().int(),
    paidCents: z.number().int(),
    /** What is still owed on it (an invoice): total − credited − paid; 0 for a credit note. */
    balanceCents: z.number().int(),
    /** An invoice's status; a credit note's is null. */
    status: invoiceStatusSchema.nullable(),
    creditedLines: z.array(z.number().int()),
    abilities: z.object({ credit: z.boolean(), recordPayment: z.boolean() }),
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.infer<typeof invoiceSchema>;

const day = (what: string) => z.iso.date({ error: `${what}: a date like 2026-12-07` });
const dayOrder = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
const DAY_ORDER = { path: ['to'], message: 'The end must not be before the start' };

/** Overdue filter: past the due date with something open, for at least this many days (0: any overdue). */
export const INVOICE_OVERDUE_DAYS = [0, 30, 60, 90] as const;

/** What an invoices view shows (the list and its export): customer, kind, status, overdue, issue days. */
export const invoiceViewSchema = z.object({
  customerId: objectIdSchema.optional(),
  kind: z.enum(INVOICE_KINDS).optional(),
  status: invoiceStatusSchema.optional(),
  /** Only invoices overdue by at least this many days (0: every overdue one). */
  overdueDays: z.coerce.number().int().min(0).max(3650).optional(),
  /** Issued on or after / on or before this day (YYYY-MM-DD, UTC). */
  from: day('From').optional(),
  to: day('To').optional(),
});
export type InvoiceView = z.infer<typeof invoiceViewSchema>;

export const invoiceListQuerySchema = invoiceViewSchema
  .extend({
    /** Jumps (the customer record's pages); the grid pages by `cursor`. */
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque cursor from the previous page's `nextCursor`: pages stay fast however deep. */
    cursor: z.string().max(500).optional(),
  })
  .refine(dayOrder, DAY_ORDER)
  .meta({ id: 'InvoiceListQuery' });
export type InvoiceListQuery = z.infer<typeof invoiceListQuerySchema>;

/** Invoices.xlsx: the grid's view, every row. */
export const invoiceExportQuerySchema = invoiceViewSchema
  .extend({ downloadToken: downloadTokenSchema })
  .refine(dayOrder, DAY_ORDER)
  .meta({ id: 'InvoiceExportQuery' });
export type InvoiceExportQuery = z.infer<typeof invoiceExportQuerySchema>;

/** A customer's statement of account (xlsx) over any range of days, both included. */
export const statementQuerySchema = z
  .object({ from: day('From'), to: day('To'), downloadToken: downloadTokenSchema })
  .refine((q) => q.from <= q.to, DAY_ORDER)
  .meta({ id: 'StatementQuery' });
export type StatementQuery = z.infer<typeof statementQuerySchema>;

export const invoiceListSchema = z
  .object({ items: z.array(invoiceSchema), total: z.number().int(), nextCursor: z.string().nullable() })
  .meta({ id: 'InvoiceList' });
export type InvoiceList = z.infer<typeof invoiceListSchema>;

/** A credit note: the whole invoice (no lines named) or the named lines, each reversed whole and at most once. */
export const createCreditNoteSchema = z
  .object({
    lines: z.array(z.number().int().min(0)).min(1, 'Name at least one line').max(500).nullable(),
    reason: z.string().trim().min(1, 'Say why it is credited').max(500, 'At most 500 characters'),
  })
  .meta({ id: 'CreateCreditNote' });
export type CreateCreditNote = z.infer<typeof createCreditNoteSchema>;

/** A payment received, spread over one or more of the customer's invoices (each at most what is open on it). */
export const recordPaymentSchema = z
  .object({
    customerId: objectIdSchema,
    receivedOn: z.iso.date({ error: 'A date like 2026-12-07' }),
    reference: z.string().trim().min(1, 'Give the bank reference').max(120, 'At most 120 characters'),
    allocations: z
      .array(z.object({ invoiceId: objectIdSchema, amountCents: z.number().int('Whole cents').min(1, 'More than 0').max(MAX_AMOUNT_CENTS, 'Too large') }))
      .min(1, 'Name at least one invoice')
      .max(100)
      .refine((a) => new Set(a.map((x) => x.invoiceId)).size === a.length, 'Each invoice at most once'),
  })
  .meta({ id: 'RecordPayment' });
export type RecordPayment = z.infer<typeof recordPaymentSchema>;

export const paymentSchema = z
  .object({
    id: objectIdSchema,
    customerId: objectIdSchema,
    receivedOn: z.iso.date(),
    reference: z.string(),
    amountCents: z.number().int(),
    allocations: z.array(z.object({ invoiceId: objectIdSchema, invoiceNumber: z.string(), amountCents: z.number().int() })),
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof paymentSchema>;

/** A customer's kept figures: what it owes and how much of it is overdue (maintained on write). */
export const customerBalanceSchema = z
  .object({ balanceCents: z.number().int(), overdueCents: z.number().int(), currency: z.string() })
  .meta({ id: 'CustomerBalance' });
export type CustomerBalance = z.infer<typeof customerBalanceSchema>;
