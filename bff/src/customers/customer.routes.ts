import {
  createCustomerSchema,
  customerDetailSchema,
  customerExportQuerySchema,
  customerListQuerySchema,
  customerListSchema,
  customerStatsQuerySchema,
  customerStatsSchema,
  idParamsSchema,
  setCustomerActiveSchema,
  setOrderApprovalSchema,
  updateCustomerSchema,
} from '@app/shared';
import { Distributor } from '../distributors/distributor.model.js';
import { defineRoute } from '../http/route.js';
import { CUSTOMER_EDITORS, CUSTOMER_READERS } from '../tenancy/policies/customer.js';
import type { Principal } from '../tenancy/principal.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { streamCustomerExport } from './customer-export.js';
import { listCustomerPage } from './customer-list.js';
import { customerStats } from './customer-stats.js';
import { presentCustomerDetail, presentCustomerRow } from './customer.presenter.js';
import { createCustomer, getCustomer, setCustomerActive, setOrderApproval, updateCustomer } from './customer.service.js';

const detail = async (principal: Principal, found: Awaited<ReturnType<typeof getCustomer>>) =>
  presentCustomerDetail(found.customer, found.paymentMethod, found.currency, principal);

async function currencyOf(principal: Principal, scope: Scope) {
  return (await scoped(Distributor.findById(principal.distributorId, { currency: 1 }), scope).lean())?.currency ?? 'EUR';
}

export const customerRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/customers',
    tag: 'customers',
    summary: 'One page of customers with search, sort and a total (keyset cursor, or offset for jumps)',
    access: 'session',
    roles: CUSTOMER_READERS,
    query: customerListQuerySchema,
    success: { status: 200, description: 'A page of customers', schema: customerListSchema },
    async handler({ principal, scope, query }) {
      const [page, currency] = await Promise.all([listCustomerPage(query, scope), currencyOf(principal, scope)]);
      return { items: page.items.map((c) => presentCustomerRow(c, currency)), total: page.total, nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/customers/stats',
    tag: 'customers',
    summary: 'All customers, transacting customers and monthly run rate, inside the caller’s subtree',
    access: 'session',
    roles: CUSTOMER_READERS,
    query: customerStatsQuerySchema,
    success: { status: 200, description: 'The statistics', schema: customerStatsSchema },
    handler: ({ principal, scope, query }) => customerStats(principal, scope, query.resellerId),
  }),
  defineRoute({
    method: 'get',
    path: '/api/customers/export.xlsx',
    tag: 'customers',
    summary: "The grid's current view (search, sort, reseller) as an Excel workbook, streamed",
    access: 'session',
    roles: CUSTOMER_READERS,
    query: customerExportQuerySchema,
    success: { status: 200, description: 'Customers.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    async handler({ principal, scope, query, res }) {
      await streamCustomerExport(res, query, scope, { currency: await currencyOf(principal, scope), withReseller: principal.role === 'distributor' });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/customers',
    tag: 'customers',
    summary: 'Create a customer of the signed-in reseller',
    access: 'session',
    roles: CUSTOMER_EDITORS,
    body: createCustomerSchema,
    success: { status: 201, description: 'The new customer', schema: customerDetailSchema },
    async handler({ principal, scope, req, body }) {
      return detail(principal, await createCustomer({ principal, scope, req }, body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/customers/:id',
    tag: 'customers',
    summary: 'One customer record',
    access: 'session',
    roles: CUSTOMER_READERS,
    params: idParamsSchema,
    success: { status: 200, description: 'The customer', schema: customerDetailSchema },
    async handler({ principal, scope, params }) {
      return detail(principal, await getCustomer(scope, params.id));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/customers/:id',
    tag: 'customers',
    summary: 'Update the customer information; `revision` must be the one the edit was made on',
    access: 'session',
    roles: CUSTOMER_EDITORS,
    params: idParamsSchema,
    body: updateCustomerSchema,
    success: { status: 200, description: 'The updated customer', schema: customerDetailSchema },
    errors: [409],
    async handler({ principal, scope, req, params, body }) {
      return detail(principal, await updateCustomer({ principal, scope, req }, params.id, body));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/customers/:id/order-approval',
    tag: 'customers',
    summary: 'Switch order approval on or off (refused off while the reseller pays by credit card)',
    access: 'session',
    roles: CUSTOMER_EDITORS,
    params: idParamsSchema,
    body: setOrderApprovalSchema,
    success: { status: 200, description: 'The customer', schema: customerDetailSchema },
    errors: [409],
    async handler({ principal, scope, req, params, body }) {
      return detail(principal, await setOrderApproval({ principal, scope, req }, params.id, body.required));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/customers/:id/active',
    tag: 'customers',
    summary: 'Make the customer active or inactive',
    access: 'session',
    roles: CUSTOMER_EDITORS,
    params: idParamsSchema,
    body: setCustomerActiveSchema,
    success: { status: 200, description: 'The customer', schema: customerDetailSchema },
    errors: [409],
    async handler({ principal, scope, req, params, body }) {
      return detail(principal, await setCustomerActive({ principal, scope, req }, params.id, body.active, body.revision));
    },
  }),
];
