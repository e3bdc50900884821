import { INVOICE_STATUS_LABEL, type InvoiceExportQuery } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { forbidden } from '../errors/app-error.js';
import { cursorRows } from '../exports/cursor-rows.js';
import type { ExportColumn, ExportContent } from '../exports/xlsx-export.js';
import { invoicePolicy } from '../policies/invoice.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { invoiceStatus, type StoredInvoice } from './invoice.presenter.js';
import { Invoice } from './invoice.model.js';
import { invoiceFilter, invoiceKeyset } from './invoice.service.js';
import { keysetSort } from '../lib/keyset-page.js';
import { monthLabel } from './monthly-billing.js';

type ExportedInvoice = Pick<
  StoredInvoice,
  'kind' | 'number' | 'customerName' | 'issuedAt' | 'dueAt' | 'orderNumber' | 'invoiceNumber' | 'billingMonth' | 'netCents' | 'vatCents' | 'totalCents' | 'creditedCents' | 'paidCents' | 'openCents'
>;

const money = (cents: number) => cents / 100;

/** What a document is for, as the grid says it under its number. */
export const invoiceReference = (i: Pick<StoredInvoice, 'kind' | 'orderNumber' | 'invoiceNumber' | 'billingMonth'>) =>
  i.kind === 'credit_note' ? `Credits ${i.invoiceNumber ?? ''}` : i.billingMonth ? `Subscriptions ${monthLabel(i.billingMonth)}` : i.orderNumber ? `Order ${i.orderNumber}` : '';

function invoiceColumns(currency: string, acrossCustomers: boolean, now: Date): ExportColumn<ExportedInvoice>[] {
  const cols: (ExportColumn<ExportedInvoice> | false)[] = [
    { header: 'Number', width: 18, type: 'text', value: (i) => i.number ?? '' },
    { header: 'Type', width: 12, type: 'text', value: (i) => (i.kind === 'invoice' ? 'Invoice' : 'Credit note') },
    acrossCustomers && { header: 'Customer', width: 32, type: 'text', value: (i) => i.customerName },
    { header: 'Reference', width: 28, type: 'text', value: invoiceReference },
    { header: 'Issued', width: 12, type: 'date', value: (i) => i.issuedAt },
    { header: 'Due', width: 12, type: 'date', value: (i) => i.dueAt },
    { header: 'Status', width: 12, type: 'text', value: (i) => { const s = invoiceStatus(i, now); return s ? INVOICE_STATUS_LABEL[s] : 'Credit note'; } },
    { header: 'Net', width: 14, type: 'money', currency, value: (i) => money(i.kind === 'credit_note' ? -i.netCents : i.netCents) },
    { header: 'VAT', width: 12, type: 'money', currency, value: (i) => money(i.kind === 'credit_note' ? -i.vatCents : i.vatCents) },
    { header: 'Total', width: 14, type: 'money', currency, value: (i) => money(i.kind === 'credit_note' ? -i.totalCents : i.totalCents) },
    { header: 'Credited', width: 14, type: 'money', currency, value: (i) => (i.kind === 'invoice' ? money(i.creditedCents) : null) },
    { header: 'Paid', width: 14, type: 'money', currency, value: (i) => (i.kind === 'invoice' ? money(i.paidCents) : null) },
    { header: 'Open', width: 14, type: 'money', currency, value: (i) => (i.kind === 'invoice' ? money(i.openCents) : null) },
  ];
  return cols.filter((c): c is ExportColumn<ExportedInvoice> => c !== false);
}

/** Invoices.xlsx: an invoices view (the grid's filters), every document of it in the caller's scope, newest first. */
export async function invoiceExport(actor: Actor, q: InvoiceExportQuery, now = new Date()): Promise<ExportContent<ExportedInvoice>> {
  if (!invoicePolicy.admits(actor.principal, 'invoice.export')) throw forbidden();
  const fields = 'kind number customerName issuedAt dueAt orderNumber invoiceNumber billingMonth netCents vatCents totalCents creditedCents paidCents openCents';
  const query = scoped(Invoice.find(invoiceFilter(q, now), fields).sort(keysetSort(invoiceKeyset(q))).lean<ExportedInvoice[]>(), actor.scope);
  return { columns: invoiceColumns(await currencyOf(actor.scope), actor.principal.role !== 'storefront' && !q.customerId, now), rows: cursorRows<ExportedInvoice>(query) };
}
