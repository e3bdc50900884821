import { COUNTRY_CODES, countryName } from '@app/shared';

/** Every ISO 3166 country for a picker, by its English name (the name the record keeps). */
export const COUNTRY_OPTIONS = COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code) })).sort((a, b) => a.label.localeCompare(b.label));

const byName = new Map(COUNTRY_OPTIONS.map((o) => [o.label.toLowerCase(), o.value]));
/** The code of a country typed as text on records from before the list; null when it is no country's name. */
export const codeOfCountryName = (name: string): string | null => byName.get(name.trim().toLowerCase()) ?? null;
/** The same list where the record keeps the name itself (a reseller's country). */
export const COUNTRY_NAME_OPTIONS = COUNTRY_OPTIONS.map((o) => o.label);
