import type { Language, PaymentTerms } from '@app/shared';
import { de } from './de.js';
import { el } from './el.js';
import { en, type DocumentWords } from './en.js';

export type { DocumentWords };

/** Every language's words for invoices, credit notes and their emails (en is the reference). */
export const DOCUMENT_WORDS: Record<Language, DocumentWords> = { en, el, de };

/** The words in `language`, English for a language we do not write. */
export const wordsFor = (language: string): DocumentWords => DOCUMENT_WORDS[(language in DOCUMENT_WORDS ? language : 'en') as Language];

/** `{name}` placeholders filled in; an unknown one is left as it is (a test catches it). */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (all, k: string) => (k in values ? String(values[k]) : all));

const TERMS_KEY: Record<PaymentTerms, keyof DocumentWords> = { prepaid: 'termsPrepaid', net_0: 'termsNet0', net_15: 'termsNet15', net_30: 'termsNet30', net_60: 'termsNet60' };
export const termsInWords = (terms: PaymentTerms, words: DocumentWords) => words[TERMS_KEY[terms]];

/** Money as the language writes it, in the document's currency (`1.234,56 €`, `€1,234.56`). */
export function formatMoney(cents: number, currency: string, words: DocumentWords): string {
  try {
    return new Intl.NumberFormat(words.locale, { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/** A day as the language writes it (UTC: the document's dates are calendar days). */
export const formatDay = (at: Date, words: DocumentWords) => new Intl.DateTimeFormat(words.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);

/** A VAT rate in basis points as a percentage (`24 %`, `24%`). */
export const formatRate = (bp: number, words: DocumentWords) => new Intl.NumberFormat(words.locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
