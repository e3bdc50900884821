import { countryName, type CustomerFields, type PostalAddress } from '@app/shared';
import validator from 'validator';
import { validationFailed } from '../errors/app-error.js';

/*
 * VAT / tax ids are checked with validator.js's isVAT (pinned in package.json; see the README for
 * why this library): the format of the country's number, and its check digits where the library
 * computes them. A country it does not know gets the shape check of the shared schema only.
 */

type VatCountry = Parameters<typeof validator.isVAT>[1];

/** validator.js names Greece's VAT prefix as the EU does (EL), not by its ISO code. */
const VAT_PREFIX: Record<string, string> = { GR: 'EL' };

/** Whether validator.js knows this country's tax-id format. */
function knownFormat(countryCode: string): boolean {
  try {
    validator.isVAT('', (VAT_PREFIX[countryCode] ?? countryCode) as VatCountry);
    return true;
  } catch {
    return false;
  }
}

/** A tax id that fits the country's format, with or without the country prefix, spaces or dots. */
export function taxIdFits(taxId: string, countryCode: string): boolean {
  if (!knownFormat(countryCode)) return true;
  const prefix = (VAT_PREFIX[countryCode] ?? countryCode) as VatCountry;
  const compact = taxId.replace(/[\s.\-/]/g, '');
  return [taxId, compact].some((candidate) => validator.isVAT(candidate, prefix));
}

const withName = (a: PostalAddress) => ({ ...a, country: countryName(a.countryCode) });

/**
 * The stored form of the details a create or edit sends: the country's name follows its code,
 * addresses carry theirs, and a tax id that does not fit the country's format is refused (400).
 * Fields left out stay as they are.
 */
export function storedDetails(input: Partial<CustomerFields>) {
  const out: Record<string, unknown> = {};
  if (input.tradingName !== undefined) out.tradingName = input.tradingName;
  if (input.countryCode !== undefined) out.country = countryName(input.countryCode);
  if (input.billingAddress !== undefined) out.billingAddress = input.billingAddress && withName(input.billingAddress);
  if (input.deliveryAddress !== undefined) out.deliveryAddress = input.deliveryAddress && withName(input.deliveryAddress);
  return out;
}

/** Refuses a tax id that does not fit the country (the one sent, else the one stored). */
export function checkTaxId(taxId: string | undefined, countryCode: string | null | undefined): void {
  if (!taxId || !countryCode) return;
  if (!taxIdFits(taxId, countryCode)) {
    const message = `This is not a valid VAT / tax id for ${countryName(countryCode)}.`;
    throw validationFailed({ taxId: message }, message);
  }
}

const comparable = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v !== 'object') return String(v);
  const { address, city, state, postcode, countryCode } = v as Record<string, unknown>;
  return JSON.stringify([address, city, state ?? '', postcode, countryCode]);
};

/**
 * Drops the changes an edit did not really make: an address sent as it was (a new object, the
 * same lines), a detail absent on an older record sent back empty. The audit keeps real ones.
 */
export function realChanges(changes: Record<string, { from: unknown; to: unknown }>) {
  for (const [key, change] of Object.entries(changes)) if (comparable(change.from) === comparable(change.to)) delete changes[key];
  return changes;
}
