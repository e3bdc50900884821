import { idParamsSchema, viewAsEndedSchema, viewAsRequestSchema } from '@app/shared';
import { defineRoute } from '../http/route.js';
import { customerPolicy } from '../policies/customer.js';
import { startViewAs, stopViewAs } from './view-as.service.js';

export const viewAsRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/customers/:id/view-as',
    tag: 'customers',
    summary: 'Look at the customer’s storefront as one of its users (read-only, audited, 30 minutes)',
    access: 'session',
    roles: customerPolicy.roles('customer.viewAs'),
    params: idParamsSchema,
    body: viewAsRequestSchema,
    success: { status: 204, description: 'This session now sees the storefront as that user; every change is refused' },
    errors: [409],
    handler: async ({ actor, params, body }) => {
      await startViewAs(actor, params.id, body);
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/view-as/end',
    tag: 'auth',
    summary: 'Stop looking at a storefront as a customer’s user: the session is the staff member’s own again',
    access: 'session',
    roles: ['storefront'],
    whileViewingAs: 'allowed',
    success: { status: 200, description: 'The customer looked at, to go back to', schema: viewAsEndedSchema },
    errors: [409],
    handler: ({ actor }) => stopViewAs(actor),
  }),
];
