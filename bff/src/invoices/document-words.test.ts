import { describe, expect, it } from 'vitest';
import { LANGUAGES, PAYMENT_TERMS } from '@app/shared';
import { DOCUMENT_WORDS, fill, termsInWords } from './words/index.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the words of invoices, credit notes and their emails', () => {
  it('are there in every language the storefront speaks', () => {
    expect(Object.keys(DOCUMENT_WORDS).sort()).toEqual(Object.keys(LANGUAGES).sort());
  });

  for (const [language, words] of Object.entries(DOCUMENT_WORDS).filter(([l]) => l !== 'en')) {
    it(`${language} has every key English has, and no other, each said and with the same placeholders`, () => {
      const reference = DOCUMENT_WORDS.en as Record<string, string>;
      const own = words as Record<string, string>;
      expect(Object.keys(own).sort()).toEqual(Object.keys(reference).sort());
      for (const key of Object.keys(reference)) {
        expect(own[key]?.trim(), `${language}.${key}`).toBeTruthy();
        expect(placeholders(own[key]!), `${language}.${key}`).toEqual(placeholders(reference[key]!));
      }
      expect(own.invoice).not.toBe(reference.invoice);
    });
  }

  it('name every payment term', () => {
    for (const words of Object.values(DOCUMENT_WORDS)) for (const t of PAYMENT_TERMS) expect(termsInWords(t, words)).toBeTruthy();
  });

  it('fill their placeholders and leave an unknown one visible', () => {
    expect(fill('Invoice {number} from {seller}', { number: 'INV-2026-000001', seller: 'Acme' })).toBe('Invoice INV-2026-000001 from Acme');
    expect(fill('{missing}', {})).toBe('{missing}');
  });
});
