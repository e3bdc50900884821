/**
 * Derived fields kept on each customer so that lists sort and search on MongoDB and FerretDB alike
 * without collation or text indexes: lower-cased sort keys, and one lower-cased search string.
 */
export interface CustomerKeySource {
  companyName: string;
  email: string;
  phone: string;
  city: string;
  postcode: string;
  /** Found by the search too, where the record has them. */
  tradingName?: string | undefined;
  taxId?: string | undefined;
}

export const sortKey = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

export function customerDerivedFields(c: CustomerKeySource) {
  const digits = c.phone.replace(/\D/g, '');
  return {
    nameKey: sortKey(c.companyName),
    cityKey: sortKey(c.city),
    searchText: [c.companyName, c.email, c.phone, digits, c.city, c.postcode, ...[c.tradingName, c.taxId].filter(Boolean)].map((v) => sortKey(v!)).join('\u0001'),
  };
}
