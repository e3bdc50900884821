import 'i18next';
import type { RESOURCES } from './index';

// Keys are checked by the compiler against the English messages; the other languages by locales.test.ts.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof RESOURCES)['en'];
    returnNull: false;
  }
}
