import { sortKey } from '../customers/customer-keys.js';

export interface ResellerKeySource {
  name: string;
  contactName?: string | null;
  contactEmail: string;
  phone?: string | null;
  city?: string | null;
}

/** Derived fields kept on each reseller so the grid sorts and searches without collation or text indexes. */
export function resellerDerivedFields(r: ResellerKeySource) {
  const phone = r.phone ?? '';
  return {
    nameKey: sortKey(r.name),
    searchText: [r.name, r.contactName ?? '', r.contactEmail, phone, phone.replace(/\D/g, ''), r.city ?? ''].map(sortKey).join('\u0001'),
  };
}
