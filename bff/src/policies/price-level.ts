import { definePolicy } from './policy.js';

/** What the rules about a price level look at. */
export interface PriceLevelResource {
  isDefault: boolean;
}

/**
 * Price levels are the reseller's own: only its staff create, edit, delete and assign them; the
 * distributor sees them read-only; a storefront user sees only its own prices (and level names) in
 * the catalogue and the price list it downloads. The default level is never deleted.
 */
export const priceLevelPolicy = definePolicy<
  'priceLevel.list' | 'priceLevel.create' | 'priceLevel.edit' | 'priceLevel.delete' | 'priceLevel.readAssignments' | 'priceLevel.assign' | 'priceList.download' | 'priceList.downloadOwn',
  PriceLevelResource
>({
  'priceLevel.list': { roles: ['reseller', 'distributor'] },
  'priceLevel.create': { roles: ['reseller'] },
  'priceLevel.edit': { roles: ['reseller'] },
  'priceLevel.delete': { roles: ['reseller'], when: (l) => !l.isDefault },
  'priceLevel.readAssignments': { roles: ['reseller', 'distributor'] },
  'priceLevel.assign': { roles: ['reseller'] },
  /** Staff download any of their customers' price lists from the record. */
  'priceList.download': { roles: ['reseller', 'distributor'] },
  /** A storefront user downloads its own company's. */
  'priceList.downloadOwn': { roles: ['storefront'] },
});
