import codes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import { z } from 'zod';

/**
 * ISO 3166-1 alpha-2 codes, from i18n-iso-countries (kept in step with the standard's changes).
 * Names come from the platform (Intl.DisplayNames), in the reader's language, on both sides.
 */
export const COUNTRY_CODES = (codes as [string, string, string, string][]).map(([alpha2]) => alpha2) as [string, ...string[]];
export const countryCodeSchema = z.enum(COUNTRY_CODES, { error: 'Choose a country from the list' }).meta({ id: 'CountryCode' });
export type CountryCode = z.infer<typeof countryCodeSchema>;

const englishNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
/** A country's English name: what the record keeps in `country` for grids, exports and search. */
export const countryName = (code: string) => englishNames.of(code) ?? code;

const line = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

/** A billing or delivery address; its country by ISO code. */
export const postalAddressSchema = z
  .object({
    address: line('Address', 200),
    city: line('City', 100),
    state: z.string().trim().max(100, 'State/province must be at most 100 characters').default(''),
    postcode: line('Postcode', 20),
    countryCode: countryCodeSchema,
  })
  .meta({ id: 'PostalAddress' });
export type PostalAddress = z.infer<typeof postalAddressSchema>;

/** As the record shows it: with the country's name. */
export const shownAddressSchema = postalAddressSchema.extend({ country: z.string() }).meta({ id: 'ShownAddress' });
export type ShownAddress = z.infer<typeof shownAddressSchema>;

/**
 * The customer details beside the information every customer has: all optional, so a client that
 * does not know them changes none. A billing or delivery address left null is "same as admin"
 * (the customer's own address above).
 */
export const customerDetailsShape = {
  tradingName: z.string().trim().max(160, 'Trading name must be at most 160 characters').optional(),
  /** VAT or tax id; its format is checked for the customer's country where the BFF knows it. */
  taxId: z
    .string()
    .trim()
    .toUpperCase()
    .max(30, 'A VAT / tax id must be at most 30 characters')
    .regex(/^[A-Z0-9 .\-/]*$/, 'Use letters, digits, spaces, dots, dashes and slashes only')
    .optional(),
  countryCode: countryCodeSchema.optional(),
  billingAddress: postalAddressSchema.nullable().optional(),
  deliveryAddress: postalAddressSchema.nullable().optional(),
};

/** Which of the customer's addresses an order ships to. */
export const ADDRESS_KINDS = ['admin', 'billing', 'delivery'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];
export const ADDRESS_KIND_LABEL: Record<AddressKind, string> = { admin: 'Main address', billing: 'Billing address', delivery: 'Delivery address' };

/** An address an order can ship to, as checkout offers it. */
export const deliveryOptionSchema = z
  .object({ kind: z.enum(ADDRESS_KINDS), label: z.string(), address: shownAddressSchema, preferred: z.boolean() })
  .meta({ id: 'DeliveryOption' });
export type DeliveryOption = z.infer<typeof deliveryOptionSchema>;
export const deliveryOptionsSchema = z.object({ items: z.array(deliveryOptionSchema) }).meta({ id: 'DeliveryOptions' });
export type DeliveryOptions = z.infer<typeof deliveryOptionsSchema>;

/** The address an order ships to, copied at placing so a later change of the customer never moves it. */
export const orderAddressSchema = shownAddressSchema.extend({ kind: z.enum(ADDRESS_KINDS) }).meta({ id: 'OrderAddress' });
export type OrderAddress = z.infer<typeof orderAddressSchema>;
