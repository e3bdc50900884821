import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language, Principal } from '@app/shared';
import { RESOURCES } from '@/locales';

/** The locale Intl formats in, per language the storefront speaks (Greek and German as in their countries). */
export const INTL_LOCALE: Record<Language, string> = { en: 'en-GB', el: 'el-GR', de: 'de-DE' };

/**
 * The language the screens speak: a storefront user's own (chosen on the profile page); staff
 * screens are English, so staff read English whatever their emails are in, shared parts included.
 */
export const screenLanguage = (principal: Principal | null | undefined): Language =>
  principal?.role === 'storefront' && principal.preferences.language in INTL_LOCALE ? (principal.preferences.language as Language) : 'en';

// Bundled, not fetched: three small languages, and the first paint speaks the right one.
void i18n.use(initReactI18next).init({
  resources: RESOURCES,
  lng: 'en',
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(RESOURCES.en),
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export { i18n };

/** The Intl locale of the language on screen now; the format helpers use it. */
export const activeLocale = (): string => INTL_LOCALE[i18n.language as Language] ?? INTL_LOCALE.en;
