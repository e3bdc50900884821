import type en from './en';

/**
 * Every language's messages, loaded on demand (a language is a chunk of its own): the sign-in page
 * loads none, staff load English, a storefront user its own. English is the reference the others
 * must match (locales.test.ts), and its shape types every key the code asks for.
 */
export const MESSAGE_LOADERS = {
  en: () => import('./en'),
  el: () => import('./el'),
  de: () => import('./de'),
} as const;

export type Messages = typeof en;
export type Namespace = keyof Messages;
