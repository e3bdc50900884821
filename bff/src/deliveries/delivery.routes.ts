import { deliveryListQuerySchema, deliveryListSchema, deliveryRowSchema, idParamsSchema } from '@app/shared';
import { routesNeeding } from '../http/route.js';
import { deliveryPolicy } from '../policies/delivery.js';
import type { Courier } from './courier.js';
import { presentDelivery } from './delivery.presenter.js';
import { listDeliveries, sendDeliveryAgain } from './delivery.service.js';

const defineRoute = routesNeeding<{ courier: Courier }>();

/** Outgoing messages of the staff member's subtree: the failed ones to look at and send again. */
export const deliveryRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/deliveries',
    tag: 'deliveries',
    summary: 'Outgoing messages of your subtree in one state (failed unless asked), newest first: recipient, subject, attempts, last error',
    access: 'session',
    roles: deliveryPolicy.roles('delivery.list'),
    query: deliveryListQuerySchema,
    success: { status: 200, description: 'The messages (at most 100)', schema: deliveryListSchema },
    async handler({ principal, scope, query }) {
      return { items: (await listDeliveries(scope, query.state)).map((d) => presentDelivery(d, principal)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/deliveries/:id/send-again',
    tag: 'deliveries',
    summary: 'Send a finally failed message again (it waits for delivery at once, with 24 h of retries); 409 when it is not failed',
    access: 'session',
    roles: deliveryPolicy.roles('delivery.sendAgain'),
    params: idParamsSchema,
    success: { status: 200, description: 'The message, waiting for delivery', schema: deliveryRowSchema },
    errors: [409],
    async handler({ actor, deps, params }) {
      const again = await sendDeliveryAgain(actor, params.id);
      deps.courier.wake();
      return presentDelivery(again, actor.principal);
    },
  }),
];
