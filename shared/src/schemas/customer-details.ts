import { z } from 'zod';

/**
 * ISO 3166-1 alpha-2 codes, as i18n-iso-countries lists them: written out here so the browser
 * loads 750 bytes, not the library's tables; customer-details.test.ts keeps the two the same.
 * Names come from the platform (Intl.DisplayNames), in the reader's language, on both sides.
 */
export const COUNTRY_CODES = (
  'AF AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY BE BZ BJ BM BT BO BA BW BV BR IO BN ' +
  'BG BF BI KH CM CA CV KY CF TD CL CN CX CC CO KM CG CD CK CR CI HR CU CY CZ DK DJ DM DO EC EG SV ' +
  'GQ ER EE ET FK FO FJ FI FR GF PF TF GA GM GE DE GH GI GR GL GD GP GU GT GN GW GY HT HM VA HN HK ' +
  'HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR LY LI LT LU MO MG MW MY ' +
  'MV ML MT MH MQ MR MU YT MX FM MD MC MN MS MA MZ MM NA NR NP NL NC NZ NI NE NG NU NF MP MK NO OM ' +
  'PK PW PS PA PG PY PE PH PN PL PT PR QA RE RO RU RW SH KN LC PM VC WS SM ST SA SN SC SL SG SK SI ' +
  'SB SO ZA GS ES LK SD SR SJ SZ SE CH SY TW TJ TZ TH TL TG TK TO TT TN TR TM TC TV UG UA AE GB US ' +
  'UM UY UZ VU VE VN VG VI WF EH YE ZM ZW AX BQ CW GG IM JE ME BL MF RS SX SS XK'
).split(' ') as [string, ...string[]];
export const countryCodeSchema = z.enum(COUNTRY_CODES, { error: 'Choose a country from the list' }).meta({ id: 'CountryCode' });
export type CountryCode = z.infer<typeof countryCodeSchema>;

const englishNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
/** A country's English name: what the record keeps in `country` for grids, exports and search. */
export const countryName = (code: string) => englishNames.of(code) ?? code;
/** Every country's English name: a place that keeps the name itself (a reseller's country) takes one of these. */
export const COUNTRY_NAMES: ReadonlySet<string> = new Set(COUNTRY_CODES.map(countryName));

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
