import {
  customerImportListSchema,
  customerImportRowsQuerySchema,
  customerImportRowsSchema,
  customerImportSchema,
  customerImportUploadQuerySchema,
  idParamsSchema,
  XLSX_CONTENT_TYPE,
} from '@app/shared';
import { mailContextOf, type MailDeps } from '../auth/link-mail.js';
import { contentDisposition } from '../exports/file-name.js';
import { routesNeeding } from '../http/route.js';
import { customerImportPolicy } from '../policies/customer-import.js';
import { applyImport, checkImport, getImport, importRows, listImports } from './customer-import.service.js';
import { presentImport } from './customer-import.presenter.js';
import { importTemplate } from './import-template.js';

const defineRoute = routesNeeding<MailDeps>();
const TEMPLATE_NAME = 'Customer import template.xlsx';

export const customerImportRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/customer-imports/template.xlsx',
    tag: 'customer imports',
    summary: 'The import template: the columns read, one example row',
    access: 'session',
    roles: customerImportPolicy.roles('customerImport.create'),
    success: { status: 200, description: TEMPLATE_NAME, contentType: XLSX_CONTENT_TYPE },
    async handler({ res }) {
      res.status(200).set({ 'Content-Type': XLSX_CONTENT_TYPE, 'Content-Disposition': contentDisposition(TEMPLATE_NAME) }).end(await importTemplate());
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/customer-imports',
    tag: 'customer imports',
    summary:
      'Upload an xlsx or csv of customers (and storefront users): the body is the file itself, streamed to disk, then read row by row. Answers the dry run (create / update / unchanged / refused per row); nothing is changed until it is confirmed',
    access: 'session',
    roles: customerImportPolicy.roles('customerImport.create'),
    query: customerImportUploadQuerySchema,
    success: { status: 201, description: 'The checked import', schema: customerImportSchema },
    errors: [413],
    async handler({ actor, req, res, query }) {
      const checked = await checkImport(actor, req, query.fileName, query.sendActivation);
      res.status(201).json(presentImport(checked, actor.principal));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/customer-imports',
    tag: 'customer imports',
    summary: 'The latest 50 imports, newest first',
    access: 'session',
    roles: customerImportPolicy.roles('customerImport.list'),
    success: { status: 200, description: 'Imports', schema: customerImportListSchema },
    handler: async ({ actor }) => ({ items: (await listImports(actor)).map((i) => presentImport(i, actor.principal)) }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/customer-imports/:id',
    tag: 'customer imports',
    summary: 'One import with its counts',
    access: 'session',
    roles: customerImportPolicy.roles('customerImport.list'),
    params: idParamsSchema,
    success: { status: 200, description: 'The import', schema: customerImportSchema },
    handler: async ({ actor, params }) => presentImport(await getImport(actor, params.id), actor.principal),
  }),
  defineRoute({
    method: 'get',
    path: '/api/customer-imports/:id/rows',
    tag: 'customer imports',
    summary: 'The per-row report (of one outcome, or all), paged by row number',
    access: 'session',
    roles: customerImportPolicy.roles('customerImport.list'),
    params: idParamsSchema,
    query: customerImportRowsQuerySchema,
    success: { status: 200, description: 'Rows', schema: customerImportRowsSchema },
    handler: async ({ actor, params, query }) => {
      const { items, nextAfter } = await importRows(actor, params.id, query);
      return { items: items.map(({ rowNumber, outcome, reasons, email, companyName }) => ({ rowNumber, outcome, reasons, email, companyName })), nextAfter };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/customer-imports/:id/apply',
    tag: 'customer imports',
    summary: 'Confirm a checked import: each row decided again as things are now and applied on its own, audited with the import id; once only (else 409)',
    access: 'session',
    roles: customerImportPolicy.roles('customerImport.apply'),
    params: idParamsSchema,
    success: { status: 200, description: 'The applied import', schema: customerImportSchema },
    errors: [409],
    handler: async ({ actor, req, params, deps }) => presentImport((await applyImport(actor, mailContextOf(req, deps), params.id))!, actor.principal),
  }),
];
