import { ADDRESS_KIND_LABEL, COUNTRY_CODES, type AddressKind, type DeliveryOption, type OrderAddress } from '@app/shared';
import { validationFailed } from '../errors/app-error.js';
import type { CustomerDoc } from './customer.model.js';

type AddressOwner = Pick<CustomerDoc, 'address' | 'city' | 'state' | 'postcode' | 'country' | 'countryCode' | 'billingAddress' | 'deliveryAddress'>;

const codeOfName = new Map<string, string>();
const namesOf = new Intl.DisplayNames(['en'], { type: 'region' });
for (const code of COUNTRY_CODES) codeOfName.set((namesOf.of(code) ?? code).toLowerCase(), code);

/** The main (admin) address, with the country's code where the record has one (or its name is one). */
function mainAddress(c: AddressOwner) {
  const countryCode = c.countryCode ?? codeOfName.get(c.country.toLowerCase()) ?? '';
  return { address: c.address, city: c.city, state: c.state, postcode: c.postcode, countryCode, country: c.country };
}

/**
 * The addresses an order of this customer can ship to: the main one, and the billing and delivery
 * ones where they differ from it ("same as admin" is the main one). The delivery address is
 * preferred; the main one when there is none.
 */
export function deliveryOptions(c: AddressOwner): DeliveryOption[] {
  const options: DeliveryOption[] = [{ kind: 'admin', label: ADDRESS_KIND_LABEL.admin, address: mainAddress(c), preferred: !c.deliveryAddress }];
  if (c.deliveryAddress) options.push({ kind: 'delivery', label: ADDRESS_KIND_LABEL.delivery, address: { ...c.deliveryAddress, state: c.deliveryAddress.state ?? '' }, preferred: true });
  if (c.billingAddress) options.push({ kind: 'billing', label: ADDRESS_KIND_LABEL.billing, address: { ...c.billingAddress, state: c.billingAddress.state ?? '' }, preferred: false });
  return options;
}

/** The address an order ships to (copied onto it); one the customer does not have is refused (400). */
export function orderAddress(c: AddressOwner, wanted: AddressKind | undefined): OrderAddress {
  const options = deliveryOptions(c);
  const chosen = wanted ? options.find((o) => o.kind === wanted) : options.find((o) => o.preferred);
  if (!chosen) throw validationFailed({ deliverTo: 'This customer has no such address: it is the same as the main one.' });
  return { kind: chosen.kind, ...chosen.address };
}
