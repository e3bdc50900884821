import {
  createCreditNoteSchema,
  customerBalanceSchema,
  idParamsSchema,
  invoiceListQuerySchema,
  invoiceListSchema,
  invoiceSchema,
  paymentSchema,
  recordPaymentSchema,
} from '@app/shared';
import { defineRoute } from '../http/route.js';
import { invoicePolicy } from '../policies/invoice.js';
import { createCreditNote } from './credit-note.service.js';
import { customerBalance } from './customer-balance.js';
import { presentInvoice } from './invoice.presenter.js';
import { listInvoices, readInvoice } from './invoice.service.js';
import { presentPayment } from './payment.presenter.js';
import { recordPayment } from './payment.service.js';

export const invoiceRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/invoices',
    tag: 'invoices',
    summary: 'Invoices and credit notes in the caller’s scope (a storefront user: its company’s), newest first; filters customer, kind, status, issue days',
    access: 'session',
    roles: invoicePolicy.roles('invoice.list'),
    query: invoiceListQuerySchema,
    success: { status: 200, description: 'One page and the view’s total', schema: invoiceListSchema },
    async handler({ actor, principal, query }) {
      const page = await listInvoices(actor, query);
      return { items: page.items.map((i) => presentInvoice(i, principal)), total: page.total };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/invoices/:id',
    tag: 'invoices',
    summary: 'One invoice or credit note',
    access: 'session',
    roles: invoicePolicy.roles('invoice.read'),
    params: idParamsSchema,
    success: { status: 200, description: 'The invoice', schema: invoiceSchema },
    async handler({ actor, principal, params }) {
      return presentInvoice(await readInvoice(actor, params.id), principal);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/invoices/:id/credit-notes',
    tag: 'invoices',
    summary: 'Issue a credit note reversing the whole invoice (`lines: null`) or the named lines (0-based), each at most once and never more than is open',
    access: 'session',
    roles: invoicePolicy.roles('invoice.credit'),
    params: idParamsSchema,
    body: createCreditNoteSchema,
    success: { status: 201, description: 'The credit note', schema: invoiceSchema },
    errors: [409],
    async handler({ actor, principal, params, body }) {
      return presentInvoice(await createCreditNote(actor, params.id, body), principal);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/payments',
    tag: 'invoices',
    summary: 'Record a payment received against one or more invoices of a customer (each part at most what is open on its invoice, else 409 and nothing recorded)',
    access: 'session',
    roles: invoicePolicy.roles('payment.record'),
    body: recordPaymentSchema,
    success: { status: 201, description: 'The payment', schema: paymentSchema },
    errors: [409],
    async handler({ actor, body }) {
      return presentPayment(await recordPayment(actor, body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/customers/:id/balance',
    tag: 'invoices',
    summary: 'What the customer owes on its invoices, and how much of it is overdue',
    access: 'session',
    roles: invoicePolicy.roles('invoice.list'),
    params: idParamsSchema,
    success: { status: 200, description: 'The balance', schema: customerBalanceSchema },
    handler: ({ actor, params }) => customerBalance(actor, params.id),
  }),
];
