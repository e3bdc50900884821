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
  approvalRuleSchema,
  updateCustomerSchema,
  setCreditTermsSchema,
} from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { exportRoute } from '../exports/export-route.js';
import { defineRoute } from '../http/route.js';
import { customerPolicy } from '../policies/customer.js';
import type { Principal } from '../tenancy/principal.js';
import { setCreditTerms } from './customer-credit.js';
import { customerExport } from './customer-export.js';
import { listCustomerPage } from './customer-list.js';
import { customerStats } from './customer-stats.js';
import { presentCustomerDetail, presentCustomerRow } from './customer.presenter.js';
import { createCustomer, getCustomer, setApprovalRule, setCustomerActive, setOrderApproval, updateCustomer } from './customer.service.js';

const detail = async (principal: Principal, found: Awaited<ReturnType<typeof getCustomer>>) =>
  presentCustomerDetail(found.customer, found.paymentMethod, found.currency, principal, found.resellerSuspended);

export const customerRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/customers',
    tag: 'customers',
    summary: 'One page of customers with search, sort and a total (keyset cursor, or offset for jumps)',
    access: 'session',
    roles: customerPolicy.roles('customer.list'),
    query: customerListQuerySchema,
    success: { status: 200, description: 'A page of customers', schema: customerListSchema },
    async handler({ principal, scope, query }) {
      const [page, currency] = await Promise.all([listCustomerPage(query, scope), currencyOf(scope)]);
      return { items: page.items.map((c) => presentCustomerRow(c, currency, principal)), total: page.total, nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/customers/stats',
    tag: 'customers',
    summary: 'All customers, transacting customers and monthly run rate, inside the caller’s subtree',
    access: 'session',
    roles: customerPolicy.roles('customer.list'),
    query: customerStatsQuerySchema,
    success: { status: 200, description: 'The statistics', schema: customerStatsSchema },
    handler: ({ principal, scope, query }) => customerStats(principal, scope, query.resellerId),
  }),
  exportRoute({
    path: '/api/customers/export.xlsx',
    tag: 'customers',
    summary: "The grid's current view (search, sort, reseller) as an Excel workbook, streamed",
    roles: customerPolicy.roles('customer.export'),
    query: customerExportQuerySchema,
    title: 'Customers',
    build: customerExport,
  }),
  defineRoute({
    method: 'post',
    path: '/api/customers',
    tag: 'customers',
    summary: 'Create a customer of the signed-in reseller',
    access: 'session',
    roles: customerPolicy.roles('customer.create'),
    body: createCustomerSchema,
    success: { status: 201, description: 'The new customer', schema: customerDetailSchema },
    async handler({ principal, actor, body }) {
      return detail(principal, await createCustomer(actor, body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/customers/:id',
    tag: 'customers',
    summary: 'One customer record',
    access: 'session',
    roles: customerPolicy.roles('customer.read'),
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
    roles: customerPolicy.roles('customer.edit'),
    params: idParamsSchema,
    body: updateCustomerSchema,
    success: { status: 200, description: 'The updated customer', schema: customerDetailSchema },
    errors: [409],
    async handler({ principal, actor, params, body }) {
      return detail(principal, await updateCustomer(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/customers/:id/order-approval',
    tag: 'customers',
    summary: 'Switch order approval on or off (refused off while the reseller pays by credit card)',
    access: 'session',
    roles: customerPolicy.roles('customer.setOrderApproval'),
    params: idParamsSchema,
    body: setOrderApprovalSchema,
    success: { status: 200, description: 'The customer', schema: customerDetailSchema },
    errors: [409],
    async handler({ principal, actor, params, body }) {
      return detail(principal, await setOrderApproval(actor, params.id, body.required));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/customers/:id/approval-rule',
    tag: 'customers',
    summary: "Set when the customer's orders wait for approval: always, above an amount, never (only always while the reseller pays by credit card)",
    access: 'session',
    roles: customerPolicy.roles('customer.setOrderApproval'),
    params: idParamsSchema,
    body: approvalRuleSchema,
    success: { status: 200, description: 'The customer', schema: customerDetailSchema },
    errors: [409],
    async handler({ principal, actor, params, body }) {
      return detail(principal, await setApprovalRule(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/customers/:id/active',
    tag: 'customers',
    summary: 'Make the customer active or inactive',
    access: 'session',
    roles: customerPolicy.roles('customer.setActive'),
    params: idParamsSchema,
    body: setCustomerActiveSchema,
    success: { status: 200, description: 'The customer', schema: customerDetailSchema },
    errors: [409],
    async handler({ principal, actor, params, body }) {
      return detail(principal, await setCustomerActive(actor, params.id, body.active, body.revision));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/customers/:id/credit-terms',
    tag: 'customers',
    summary: 'Set payment terms (prepaid, net 0/15/30/60), credit limit (minor units, null = none) and VAT rate (basis points); `revision` must be the one the edit was made on',
    access: 'session',
    roles: customerPolicy.roles('customer.setCreditTerms'),
    params: idParamsSchema,
    body: setCreditTermsSchema,
    success: { status: 200, description: 'The customer', schema: customerDetailSchema },
    errors: [409],
    async handler({ principal, actor, params, body }) {
      return detail(principal, await setCreditTerms(actor, params.id, body));
    },
  }),
];
