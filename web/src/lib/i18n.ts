import rosetta from 'rosetta';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Language, Principal } from '@app/shared';
import { MESSAGE_LOADERS, type Messages, type Namespace } from '@/locales';

/*
 * The screens' language. Messages live in files per language (src/locales/<lang>/*.json), looked
 * up and filled in by rosetta (300 bytes: keys by dotted path, {{name}} placeholders); plurals pick
 * `key_one` / `key_other` with the platform's Intl.PluralRules. A language's messages are a chunk
 * of their own, loaded when someone reads it (the initial JavaScript budget: e2e delivery.spec.ts).
 */

/** The locale Intl formats in, per language the storefront speaks (Greek and German as in their countries). */
export const INTL_LOCALE: Record<Language, string> = { en: 'en-GB', el: 'el-GR', de: 'de-DE' };

/**
 * The language the screens speak: a storefront user's own (chosen on the profile page); staff
 * screens are English, so staff read English whatever their emails are in, shared parts included.
 */
export const screenLanguage = (principal: Principal | null | undefined): Language =>
  principal?.role === 'storefront' && principal.preferences.language in INTL_LOCALE ? (principal.preferences.language as Language) : 'en';

// Every key of a namespace as a dotted path, plural suffixes taken off ("cart.count" for cart.count_one/_other).
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K extends `${infer B}_${'one' | 'other'}` ? B : K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey<N extends Namespace> = Leaves<Messages[N]>;
/** A key of the first namespace as it is, or of another with its prefix (`common:actions.save`). */
type KeyIn<N extends readonly Namespace[]> = MessageKey<N[0]> | { [I in keyof N]: N[I] extends Namespace ? `${N[I]}:${MessageKey<N[I]>}` : never }[number];
export type TOptions = Record<string, string | number | null | undefined> & { count?: number };
export type TFunction<N extends Namespace | readonly Namespace[] = 'common'> = (key: KeyIn<N extends Namespace ? [N] : N>, options?: TOptions) => string;

const messages = rosetta<Messages>();
const loaded = new Set<Language>();
let language: Language = 'en';
/** Whether a signed-in person's language has been on screen yet (set by changeLanguage). */
let everShown = false;
let version = 0;
const listeners = new Set<() => void>();
const notify = () => {
  version++;
  for (const l of listeners) l();
};

/** Loads a language's messages once; resolves when they can be read. */
export async function loadLanguage(lang: Language): Promise<void> {
  if (loaded.has(lang)) return;
  messages.set(lang, (await MESSAGE_LOADERS[lang]()).default);
  loaded.add(lang);
  notify();
}

function lookup(ns: Namespace, key: string, options?: TOptions): string {
  const base = `${ns}.${key}`;
  if (typeof options?.count === 'number') {
    const plural = messages.t(`${base}_${new Intl.PluralRules(INTL_LOCALE[language]).select(options.count)}`, options, language) || messages.t(`${base}_other`, options, language);
    if (plural) return plural;
  }
  return messages.t(base, options, language);
}

function translate(namespaces: readonly Namespace[], key: string, options?: TOptions): string {
  const colon = key.indexOf(':');
  return colon > 0 ? lookup(key.slice(0, colon) as Namespace, key.slice(colon + 1), options) : lookup(namespaces[0] ?? 'common', key, options);
}

/** The i18n handle for code outside components (dialogs opened from handlers, route defaults). */
export const i18n = {
  get language(): Language {
    return language;
  },
  /** Switches the screens, once the language's messages are in. */
  async changeLanguage(lang: Language): Promise<void> {
    await loadLanguage(lang);
    if (language !== lang || !everShown) {
      language = lang;
      everShown = true;
      notify();
    }
  },
  isReady: (lang: Language) => loaded.has(lang),
  t: ((key: string, options?: TOptions) => translate(['common'], key, options)) as TFunction<'common'>,
  /** A `t` of one namespace, read in the language on screen when called. */
  fixedT: <N extends Namespace>(ns: N) => ((key: string, options?: TOptions) => translate([ns], key, options)) as TFunction<N>,
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * A component's `t` for its namespaces (the first without prefix, the others as `ns:key`); the
 * component renders again when the language changes. Loads the language's messages if no one has.
 */
export function useTranslation<const N extends Namespace | readonly Namespace[] = 'common'>(ns?: N): { t: TFunction<N>; i18n: typeof i18n } {
  const seen = useSyncExternalStore(subscribe, () => version);
  useEffect(() => {
    if (!loaded.has(language)) void loadLanguage(language);
  }, []);
  const nsKey = ns === undefined ? 'common' : Array.isArray(ns) ? ns.join(',') : (ns as string);
  // The same function until the language or its messages change: grids build their columns from it.
  const t = useMemo(() => {
    const namespaces = nsKey.split(',') as Namespace[];
    return ((key: string, options?: TOptions) => translate(namespaces, key, options)) as TFunction<N>;
    // `seen` is the store's version: a new language (or its messages arriving) makes a new t.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nsKey, seen]);
  return { t, i18n };
}

/** The Intl locale of the language on screen now; the format helpers use it. */
export const activeLocale = (): string => INTL_LOCALE[language];

/**
 * Whether an area may render: at first, once the signed-in person's language is in and on screen
 * (no flash of English for a Greek buyer: LanguageSync switches to it); after that always (a later switch shows the old words until the new
 * ones arrive, never a blank page).
 */
export function useMessagesReady(): boolean {
  useSyncExternalStore(subscribe, () => version);
  return everShown && loaded.has(language);
}
