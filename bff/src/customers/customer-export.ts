import type { CustomerExportQuery } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { forbidden } from '../errors/app-error.js';
import { cursorRows } from '../exports/cursor-rows.js';
import type { ExportColumn, ExportContent } from '../exports/xlsx-export.js';
import { customerPolicy } from '../policies/customer.js';
import { resellerPolicy } from '../policies/reseller.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { customerView } from './customer-list.js';
import { Customer, type CustomerDoc } from './customer.model.js';
import { creditColumns, fromCents } from './customer.presenter.js';

type ExportedCustomer = CustomerDoc & { createdAt?: Date };

/** Customers.xlsx: the grid's columns and the record's address; the reseller for those who oversee several. */
function customerColumns(currency: string, withReseller: boolean, now: Date): ExportColumn<ExportedCustomer>[] {
  return [
    { header: 'Company name', width: 34, type: 'text', value: (c) => c.companyName },
    ...(withReseller ? [{ header: 'Reseller', width: 28, type: 'text', value: (c) => c.resellerName } satisfies ExportColumn<ExportedCustomer>] : []),
    { header: 'Email', width: 34, type: 'text', value: (c) => c.email },
    { header: 'Phone', width: 20, type: 'text', value: (c) => c.phone },
    { header: 'Address', width: 28, type: 'text', value: (c) => c.address },
    { header: 'City', width: 18, type: 'text', value: (c) => c.city },
    { header: 'State/province', width: 20, type: 'text', value: (c) => c.state },
    { header: 'Postcode', width: 12, type: 'text', value: (c) => c.postcode },
    { header: 'Country', width: 18, type: 'text', value: (c) => c.country },
    { header: 'Monthly run rate', width: 18, type: 'money', currency, value: (c) => fromCents(c.monthlyRunRateCents) },
    { header: 'Balance', width: 16, type: 'money', currency, value: (c) => fromCents(creditColumns(c, now).balanceCents) },
    { header: 'Overdue since', width: 16, type: 'date', value: (c) => { const since = creditColumns(c, now).overdueSince; return since ? new Date(since) : undefined; } },
    { header: 'Over credit limit', width: 18, type: 'yesNo', value: (c) => creditColumns(c, now).overLimit },
    { header: 'Storefront access', width: 18, type: 'yesNo', value: (c) => c.storefrontAccess },
    { header: 'Active', width: 10, type: 'yesNo', value: (c) => c.active },
    { header: 'Customer since', width: 16, type: 'date', value: (c) => c.createdAt },
  ];
}

/** The customer grid's current view (search, sort, reseller filter) as an export: every matching row, inside the scope. */
export async function customerExport(actor: Actor, q: CustomerExportQuery): Promise<ExportContent<ExportedCustomer>> {
  const { principal, scope } = actor;
  customerPolicy.authorize(principal, 'customer.export', undefined, forbidden);
  const now = new Date();
  const [{ filter, sort }, currency] = await Promise.all([customerView(q, scope, now), currencyOf(scope)]);
  return {
    columns: customerColumns(currency, resellerPolicy.can(principal, 'reseller.list'), now),
    rows: cursorRows<ExportedCustomer>(scoped(Customer.find(filter).sort(sort).lean<ExportedCustomer[]>(), scope)),
  };
}
