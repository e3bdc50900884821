import type { Types } from 'mongoose';
import { getCustomer } from '../customers/customer.service.js';
import { notFound } from '../errors/app-error.js';
import type { ProductDoc } from '../products/product.model.js';
import type { Actor } from '../tenancy/actor.js';
import { pricingFor, type CustomerPricing } from './customer-pricing.js';

export type CatalogueProduct = ProductDoc & { _id: Types.ObjectId };

/** One product at one customer's prices: what the catalogue shows and the price list holds, alike. */
export interface PricedProductRow {
  product: CatalogueProduct;
  unitPriceCents: number;
  breaks: { minQuantity: number; unitPriceCents: number }[];
  levelName: string;
}

export const pricedRow = (product: CatalogueProduct, pricing: CustomerPricing): PricedProductRow => {
  const { unitPriceCents, levelName } = pricing.price(product, 1);
  return { product, unitPriceCents, breaks: pricing.breaks(product), levelName };
};

/**
 * Whose prices the caller sees: a storefront user always its own company's; staff a customer's
 * they name (ordering on its behalf, its price list), else the reseller's default level.
 */
export async function pricingForCaller(actor: Actor, customerId?: string): Promise<CustomerPricing> {
  const { principal, scope } = actor;
  if (principal.role === 'storefront') {
    if (customerId && customerId !== principal.customerId?.toHexString()) throw notFound('The customer');
    const { customer } = await getCustomer(scope, principal.customerId!.toHexString());
    return pricingFor(scope, customer);
  }
  if (customerId) {
    const { customer } = await getCustomer(scope, customerId);
    return pricingFor(scope, customer);
  }
  if (!principal.resellerId) throw notFound('The customer');
  return pricingFor(scope, { resellerId: principal.resellerId });
}
