import deCatalogue from './de/catalogue.json';
import deCommon from './de/common.json';
import deOrders from './de/orders.json';
import deAccount from './de/account.json';
import elCatalogue from './el/catalogue.json';
import elCommon from './el/common.json';
import elOrders from './el/orders.json';
import elAccount from './el/account.json';
import enCatalogue from './en/catalogue.json';
import enCommon from './en/common.json';
import enOrders from './en/orders.json';
import enAccount from './en/account.json';

/** Every screen message per language and namespace; English is the reference the others must match (locales.test.ts). */
export const RESOURCES = {
  en: { common: enCommon, catalogue: enCatalogue, orders: enOrders, account: enAccount },
  el: { common: elCommon, catalogue: elCatalogue, orders: elOrders, account: elAccount },
  de: { common: deCommon, catalogue: deCatalogue, orders: deOrders, account: deAccount },
} as const;

export type Namespace = keyof (typeof RESOURCES)['en'];
