import { PAYMENT_METHOD_LABEL, type ResellerViewQuery } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import type { ExportColumn, ExportContent } from '../exports/xlsx-export.js';
import { resellerPolicy } from '../policies/reseller.js';
import { forbidden } from '../errors/app-error.js';
import type { Actor } from '../tenancy/actor.js';
import { resellerRows, type ResellerWithFigures } from './reseller-list.js';

/** The resellers grid's columns, figures included. */
function resellerColumns(currency: string): ExportColumn<ResellerWithFigures>[] {
  return [
    { header: 'Reseller', width: 32, type: 'text', value: (r) => r.name },
    { header: 'Contact', width: 24, type: 'text', value: (r) => r.contactName ?? '' },
    { header: 'Contact email', width: 30, type: 'text', value: (r) => r.contactEmail },
    { header: 'Payment method', width: 16, type: 'text', value: (r) => PAYMENT_METHOD_LABEL[r.paymentMethod] },
    { header: 'Customers', width: 12, type: 'number', value: (r) => r.figures.customers },
    { header: 'Monthly run rate', width: 18, type: 'money', currency, value: (r) => r.figures.monthlyRunRateCents / 100 },
    { header: 'Waiting for approval', width: 12, type: 'number', value: (r) => r.figures.ordersPendingApproval },
    { header: 'In progress', width: 12, type: 'number', value: (r) => r.figures.ordersInProgress },
    { header: 'Oldest waiting order', width: 18, type: 'date', withTime: true, value: (r) => r.figures.oldestPendingOrderAt },
    { header: 'Suspended', width: 12, type: 'yesNo', value: (r) => r.status === 'suspended' },
  ];
}

/** Resellers.xlsx: every reseller of the grid's current view with its figures, page by page. */
export async function resellerExport(actor: Actor, q: ResellerViewQuery): Promise<ExportContent<ResellerWithFigures>> {
  resellerPolicy.authorize(actor.principal, 'reseller.list', undefined, forbidden);
  return { columns: resellerColumns(await currencyOf(actor.scope)), rows: resellerRows(q, actor.scope) };
}
