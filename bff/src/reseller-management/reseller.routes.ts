import {
  createResellerResultSchema,
  createResellerSchema,
  idParamsSchema,
  resellerDetailSchema,
  resellerExportQuerySchema,
  resellerListQuerySchema,
  resellerListSchema,
  resellerOptionsSchema,
  resellerStaffActionResultSchema,
  resellerStaffUserListSchema,
  setPaymentMethodSchema,
  updateResellerSchema,
} from '@app/shared';
import { exportRoute } from '../exports/export-route.js';
import { currencyOf } from '../distributors/currency.js';
import { mailContextOf, type MailDeps } from '../auth/link-mail.js';
import { routesNeeding } from '../http/route.js';
import { resellerPolicy } from '../policies/reseller.js';
import { staffUserPolicy } from '../policies/staff-user.js';
import { listResellerStaff, presentStaffUser, resendStaffActivation } from './reseller-staff.js';
import type { Principal } from '../tenancy/principal.js';
import { listResellerPage, resellerOptions } from './reseller-list.js';
import { resellerExport } from './reseller-export.js';
import { onboardReseller } from './reseller-onboarding.js';
import { presentResellerDetail, presentResellerRow } from './reseller.presenter.js';
import { getReseller, setPaymentMethod, setResellerStanding, updateReseller } from './reseller.service.js';

const defineRoute = routesNeeding<MailDeps>();

const detail = (principal: Principal, found: Awaited<ReturnType<typeof getReseller>>) => presentResellerDetail(found.reseller, found.currency, principal);

/** Suspend and reinstate share a shape: POST on one reseller, answer the reseller as it is now. */
const standing = (change: 'suspend' | 'reinstate', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/api/resellers/:id/${change}`,
    tag: 'resellers',
    summary,
    access: 'session',
    roles: resellerPolicy.roles(change === 'suspend' ? 'reseller.suspend' : 'reseller.reinstate'),
    params: idParamsSchema,
    success: { status: 200, description: 'The reseller', schema: resellerDetailSchema },
    errors: [409],
    async handler({ actor, params }) {
      return detail(actor.principal, await setResellerStanding(actor, params.id, change));
    },
  });

export const resellerRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/resellers',
    tag: 'resellers',
    summary: "One page of the distributor's resellers with their figures: search, filters, sort and a total (keyset cursor, or offset for jumps)",
    access: 'session',
    roles: resellerPolicy.roles('reseller.list'),
    query: resellerListQuerySchema,
    success: { status: 200, description: 'A page of resellers', schema: resellerListSchema },
    async handler({ scope, query }) {
      const [page, currency] = await Promise.all([listResellerPage(query, scope), currencyOf(scope)]);
      return { items: page.items.map((r) => presentResellerRow(r, currency)), total: page.total, nextCursor: page.nextCursor };
    },
  }),
  // Before /api/resellers/:id, which would otherwise take `export.xlsx` for an id.
  exportRoute({
    path: '/api/resellers/export.xlsx',
    tag: 'resellers',
    summary: "The resellers grid's current view (search, filters, sort) with its figures as an Excel workbook, streamed",
    roles: resellerPolicy.roles('reseller.list'),
    query: resellerExportQuerySchema,
    title: 'Resellers',
    build: resellerExport,
  }),
  defineRoute({
    method: 'get',
    path: '/api/resellers/options',
    tag: 'resellers',
    summary: "Every reseller of the distributor by name (the choices of a reseller filter)",
    access: 'session',
    roles: resellerPolicy.roles('reseller.list'),
    success: { status: 200, description: 'Resellers', schema: resellerOptionsSchema },
    async handler({ scope }) {
      const items = await resellerOptions(scope);
      return { items: items.map((r) => ({ id: r._id.toHexString(), name: r.name, paymentMethod: r.paymentMethod, status: r.status ?? 'active' })) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/resellers',
    tag: 'resellers',
    summary: 'Onboard a reseller with its first staff user, who is emailed an activation link',
    access: 'session',
    roles: resellerPolicy.roles('reseller.create'),
    body: createResellerSchema,
    success: { status: 201, description: 'The new reseller, and whether the activation email went out', schema: createResellerResultSchema },
    async handler({ actor, req, deps, body }) {
      const { emailSent, ...found } = await onboardReseller(actor, mailContextOf(req, deps), body);
      return { reseller: detail(actor.principal, found), emailSent };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/resellers/:id',
    tag: 'resellers',
    summary: 'One reseller: details, payment method, status and figures',
    access: 'session',
    roles: resellerPolicy.roles('reseller.read'),
    params: idParamsSchema,
    success: { status: 200, description: 'The reseller', schema: resellerDetailSchema },
    async handler({ principal, scope, params }) {
      return detail(principal, await getReseller(scope, params.id));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/resellers/:id',
    tag: 'resellers',
    summary: 'Update the details and default markup; `revision` must be the one the edit was made on',
    access: 'session',
    roles: resellerPolicy.roles('reseller.edit'),
    params: idParamsSchema,
    body: updateResellerSchema,
    success: { status: 200, description: 'The updated reseller', schema: resellerDetailSchema },
    errors: [409],
    async handler({ actor, params, body }) {
      return detail(actor.principal, await updateReseller(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/resellers/:id/payment-method',
    tag: 'resellers',
    summary: "Set the payment method (credit card forces order approval for all the reseller's customers at once)",
    access: 'session',
    roles: resellerPolicy.roles('reseller.setPaymentMethod'),
    params: idParamsSchema,
    body: setPaymentMethodSchema,
    success: { status: 200, description: 'The reseller', schema: resellerDetailSchema },
    errors: [409],
    async handler({ actor, params, body }) {
      return detail(actor.principal, await setPaymentMethod(actor, params.id, body.paymentMethod, body.revision));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/resellers/:id/staff-users',
    tag: 'resellers',
    summary: 'The reseller’s staff users, by name, with their state and last sign-in (its distributor)',
    access: 'session',
    roles: staffUserPolicy.roles('staffUser.list'),
    params: idParamsSchema,
    success: { status: 200, description: 'The staff users', schema: resellerStaffUserListSchema },
    async handler({ actor, params }) {
      return { items: (await listResellerStaff(actor, params.id)).map((u) => presentStaffUser(u, actor.principal)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/staff-users/:id/resend-activation',
    tag: 'resellers',
    summary: 'Send a reseller staff user waiting for activation a new link (the previous one stops working)',
    access: 'session',
    roles: staffUserPolicy.roles('staffUser.resendActivation'),
    params: idParamsSchema,
    success: { status: 200, description: 'The staff user, and whether the mail server took the email at once', schema: resellerStaffActionResultSchema },
    errors: [409],
    async handler({ actor, params, req, deps }) {
      const { user, emailSent } = await resendStaffActivation(actor, mailContextOf(req, deps), params.id);
      return { user: presentStaffUser(user, actor.principal), emailSent };
    },
  }),
  standing('suspend', 'Suspend the reseller: its staff and storefront users are signed out and cannot sign in, its storefront takes no orders'),
  standing('reinstate', 'Reinstate a suspended reseller: everything is as it was'),
];
