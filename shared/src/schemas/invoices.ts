import { z } from 'zod';

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
