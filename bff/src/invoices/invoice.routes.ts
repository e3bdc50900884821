import {
  createCreditNoteSchema,
  customerBalanceSchema,
  idParamsSchema,
  invoiceExportQuerySchema,
  invoiceListQuerySchema,
  invoiceListSchema,
  invoiceSchema,
  paymentSchema,
  recordPaymentSchema,
  statementQuerySchema,
} from '@app/shared';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from '../exports/file-name.js';
import { exportRoute } from '../exports/export-route.js';
import { invoiceExport } from './invoice-export.js';
import { statementExport } from './statement.js';
import { defineRoute } from '../http/route.js';
import { invoicePolicy } from '../policies/invoice.js';
import { createCreditNote } from './credit-note.service.js';
import { customerBalance } from './customer-balance.js';
import { invoicePdf, pdfFileName, printedDocument } from './invoice-pdf.js';
import { presentInvoice } from './invoice.presenter.js';
import { listInvoices, readInvoice } from './invoice.service.js';
import { presentPayment } from './payment.presenter.js';
import { recordPayment } from './payment.service.js';

const PDF_CONTENT_TYPE = 'application/pdf';

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
      return { items: page.items.map((i) => presentInvoice(i, principal)), total: page.total, nextCursor: page.nextCursor };
    },
  }),
  // Before /api/invoices/:id, which would otherwise take `export.xlsx` for an id.
  exportRoute({
    path: '/api/invoices/export.xlsx',
    tag: 'invoices',
    summary: 'Invoices.xlsx: the invoices grid’s view (customer, kind, status, overdue days, issue days), every document of it in the caller’s scope; never a cost',
    roles: invoicePolicy.roles('invoice.export'),
    query: invoiceExportQuerySchema,
    title: 'Invoices',
    build: (actor, query) => invoiceExport(actor, query),
  }),
  exportRoute({
    path: '/api/customers/:id/statement.xlsx',
    tag: 'invoices',
    summary: 'Statement.xlsx: the customer’s statement of account from `from` to `to` (days, both included): opening balance, each invoice, credit note and payment with the running balance, closing balance',
    roles: invoicePolicy.roles('invoice.export'),
    query: statementQuerySchema,
    params: idParamsSchema,
    title: 'Statement',
    build: statementExport,
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
    method: 'get',
    path: '/api/invoices/:id/pdf',
    tag: 'invoices',
    summary: 'The invoice or credit note as a PDF (`INV-2026-000123.pdf`), in the language it was issued in; whoever may read it may download it',
    access: 'session',
    roles: invoicePolicy.roles('invoice.read'),
    params: idParamsSchema,
    success: { status: 200, description: 'The PDF, streamed', contentType: PDF_CONTENT_TYPE },
    async handler({ actor, params, res }) {
      const doc = await readInvoice(actor, params.id);
      const pdf = invoicePdf(printedDocument(doc));
      res.status(200).set({ 'Content-Type': PDF_CONTENT_TYPE, 'Content-Disposition': contentDisposition(pdfFileName(doc.number ?? '')) });
      try {
        await pipeline(pdf, res);
      } catch (err) {
        // The client went away mid-file: nothing to answer any more.
        if ((err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
      }
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
