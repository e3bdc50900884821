import account from './account.json';
import catalogue from './catalogue.json';
import common from './common.json';
import invoices from './invoices.json';
import orders from './orders.json';

/** The el messages, by namespace: one chunk, loaded when someone reads el (lib/i18n.ts). */
export default { common, catalogue, orders, account, invoices };
