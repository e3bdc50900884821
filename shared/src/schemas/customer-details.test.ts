import codes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, countryCodeSchema, countryName } from './customer-details.js';

describe('the ISO 3166 country list', () => {
  it('is the list i18n-iso-countries keeps (pinned in package.json): a new release that changes it fails here', () => {
    expect([...COUNTRY_CODES].sort()).toEqual((codes as string[][]).map(([alpha2]) => alpha2!).sort());
  });

  it('names each country, and refuses a code that is not one', () => {
    expect(countryName('GR')).toBe('Greece');
    expect(COUNTRY_CODES.every((code) => countryName(code) !== '')).toBe(true);
    expect(countryCodeSchema.safeParse('XX').success).toBe(false);
    expect(countryCodeSchema.safeParse('gr').success).toBe(false);
  });
});
