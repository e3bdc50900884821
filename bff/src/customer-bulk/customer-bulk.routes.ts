import { customerBulkCountRequestSchema, customerBulkCountSchema, customerBulkRequestSchema, customerBulkResultSchema } from '@app/shared';
import { mailContextOf, type MailDeps } from '../auth/link-mail.js';
import { routesNeeding } from '../http/route.js';
import { customerPolicy } from '../policies/customer.js';
import { forbidden } from '../errors/app-error.js';
import { applyCustomerBulk } from './customer-bulk.service.js';
import { countSelection } from './customer-selection.js';

const defineRoute = routesNeeding<MailDeps>();

export const customerBulkRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/customers/bulk/count',
    tag: 'customers',
    summary: 'How many of the caller’s customers a grid filter matches now: the count a bulk action on "all matching" is confirmed with',
    access: 'session',
    roles: customerPolicy.roles('customer.bulkEdit'),
    body: customerBulkCountRequestSchema,
    success: { status: 200, description: 'The count (at most one above the limit) and the limit', schema: customerBulkCountSchema },
    async handler({ actor, body }) {
      customerPolicy.authorize(actor.principal, 'customer.bulkEdit', undefined, forbidden);
      return countSelection(actor.scope, body.filter);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/customers/bulk',
    tag: 'customers',
    summary:
      'Make inactive / active, set the approval rule or price levels, or send activation to pending users, for picked customers or all matching a filter (with the confirmed count: 409 if it moved). Each customer is decided as one at a time; the answer lists changed, unchanged and refused (with why)',
    access: 'session',
    roles: customerPolicy.roles('customer.bulkEdit'),
    body: customerBulkRequestSchema,
    success: { status: 200, description: 'Each customer’s outcome; ids not the caller’s are only counted', schema: customerBulkResultSchema },
    errors: [409],
    handler: ({ actor, req, body, deps }) => applyCustomerBulk(actor, mailContextOf(req, deps), body),
  }),
];
