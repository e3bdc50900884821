import { describe, expect, it } from 'vitest';
import { lineVatCents, taxLine, totalsOf } from './invoice-tax.js';

describe('VAT per line, half-up to the cent', () => {
  // net cents, rate (basis points), VAT cents: the rule's edges.
  const table: [number, number, number][] = [
    [0, 2400, 0],
    [1, 2400, 0], // 0.24 → 0
    [2, 2400, 0], // 0.48 → 0
    [3, 2400, 1], // 0.72 → 1
    [125, 2000, 25], // exact
    [250, 1000, 25], // exact
    [5, 1000, 1], // 0.5 → 1 (half goes up)
    [15, 1000, 2], // 1.5 → 2 (half-up, not to even)
    [25, 1000, 3], // 2.5 → 3 (half-up, not to even)
    [1049, 2400, 252], // 251.76 → 252
    [1041, 2400, 250], // 249.84 → 250
    [999, 1900, 190], // 189.81 → 190
    [1999, 700, 140], // 139.93 → 140
    [10_000, 0, 0], // VAT 0 allowed
    [12_345, 1, 1], // 1.2345 → 1
    [99_999_999_999, 2400, 24_000_000_000], // 23 999 999 999.76 → 24 000 000 000 (no float error)
  ];
  it.each(table)('net %i at %i bp → VAT %i', (net, rate, vat) => {
    expect(lineVatCents(net, rate)).toBe(vat);
  });

  it('totals are the sums of the lines as shown (rounded per line, not on the total)', () => {
    const lines = [taxLine(1, 1, 2400), taxLine(1, 1, 2400), taxLine(1, 1, 2400)];
    // Each 0.24 rounds to 0; VAT of the 3-cent total would have been 1: per-line rounding is the rule.
    expect(totalsOf(lines)).toEqual({ netCents: 3, vatCents: 0, grossCents: 3 });
    expect(totalsOf([taxLine(333, 3, 2400)])).toEqual({ netCents: 999, vatCents: 240, grossCents: 1239 });
  });

  it('refuses a fractional or negative net', () => {
    expect(() => lineVatCents(1.5, 2400)).toThrow(RangeError);
    expect(() => lineVatCents(-1, 2400)).toThrow(RangeError);
  });
});
