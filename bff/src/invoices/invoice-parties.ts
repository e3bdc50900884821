import type { Types } from 'mongoose';
import { Customer, type CustomerDoc } from '../customers/customer.model.js';
import { creditTermsOf } from '../customers/credit-terms.js';
import { Distributor } from '../distributors/distributor.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';

const addressLines = (a: { address: string; city: string; state?: string | null; postcode: string; country: string }) =>
  [a.address, [a.postcode, a.city].filter(Boolean).join(' '), a.state ?? '', a.country].filter((l) => l.trim() !== '');

/** The buyer as an invoice prints it: the company, its VAT id and its billing address (the main one when the same). */
export function buyerOf(c: Pick<CustomerDoc, 'companyName' | 'taxId' | 'email' | 'address' | 'city' | 'state' | 'postcode' | 'country' | 'billingAddress'>) {
  return { name: c.companyName, taxId: c.taxId ?? '', email: c.email, lines: addressLines(c.billingAddress ?? c) };
}

/**
 * What an invoice of this customer is issued with: seller (its reseller's details), buyer, terms
 * and VAT rate, currency. Read unscoped: issuing is system work following an order's execution.
 */
export async function invoiceParties(customerId: Types.ObjectId) {
  const customer = await unsafeUnscoped(Customer.findById(customerId), 'invoices: the buyer of an invoice').lean();
  if (!customer) throw new Error(`customer ${customerId.toHexString()} of an invoice is gone`);
  const [reseller, distributor] = await Promise.all([
    unsafeUnscoped(Reseller.findById(customer.resellerId), 'invoices: the seller of an invoice').lean(),
    unsafeUnscoped(Distributor.findById(customer.distributorId, { currency: 1 }), 'invoices: the currency of an invoice').lean(),
  ]);
  const seller = {
    name: reseller?.name ?? '',
    taxId: '',
    email: reseller?.contactEmail ?? '',
    lines: [reseller?.city ?? '', reseller?.country ?? '', reseller?.phone ?? ''].filter((l) => l.trim() !== ''),
  };
  return { customer, seller, buyer: buyerOf(customer), terms: creditTermsOf(customer), currency: distributor?.currency ?? 'EUR' };
}
