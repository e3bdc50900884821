import { DEFAULT_CREDIT_TERMS, type CreditTerms, type PaymentTerms } from '@app/shared';

type StoredTerms = { paymentTerms?: string | null; creditLimitCents?: number | null; vatRateBp?: number | null } | null | undefined;

/** A customer's terms, the defaults (prepaid, no limit, no VAT) where never set. */
export function creditTermsOf(c: { creditTerms?: StoredTerms }): CreditTerms {
  const t = c.creditTerms;
  if (!t?.paymentTerms) return { ...DEFAULT_CREDIT_TERMS };
  return { paymentTerms: t.paymentTerms as PaymentTerms, creditLimitCents: t.creditLimitCents ?? null, vatRateBp: t.vatRateBp ?? 0 };
}
