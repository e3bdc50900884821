/*
 * The rounding rule of every invoice and credit note, in one place: amounts are integers in minor
 * units (cents). Each line's net is unit price × quantity (exact); its VAT is net × rate, rounded
 * half-up to a whole cent on that line (rate in basis points: 2400 = 24 %); the document's totals
 * are the sums of its lines' figures, so a total always equals what its lines show.
 */

/** VAT of one line: net × rate / 10 000, rounded half-up to the cent (net ≥ 0). */
export function lineVatCents(netCents: number, vatRateBp: number): number {
  if (!Number.isSafeInteger(netCents) || netCents < 0) throw new RangeError(`net must be whole non-negative cents, not ${netCents}`);
  // Integer arithmetic in BigInt: a large net × rate never loses a cent to floating point.
  const product = BigInt(netCents) * BigInt(vatRateBp);
  return Number((product + 5_000n) / 10_000n);
}

export interface TaxedLine {
  netCents: number;
  vatCents: number;
  grossCents: number;
}

export function taxLine(unitPriceCents: number, quantity: number, vatRateBp: number): TaxedLine {
  const netCents = unitPriceCents * quantity;
  const vatCents = lineVatCents(netCents, vatRateBp);
  return { netCents, vatCents, grossCents: netCents + vatCents };
}

export function totalsOf(lines: readonly TaxedLine[]): TaxedLine {
  const sum = (f: keyof TaxedLine) => lines.reduce((s, l) => s + l[f], 0);
  return { netCents: sum('netCents'), vatCents: sum('vatCents'), grossCents: sum('grossCents') };
}
