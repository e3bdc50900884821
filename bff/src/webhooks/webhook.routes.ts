import { idParamsSchema, webhookDeliveryListSchema, webhookEndpointCreatedSchema, webhookEndpointInputSchema, webhookEndpointListSchema, webhookEndpointSchema } from '@app/shared';
import type { Config } from '../config.js';
import { routesNeeding } from '../http/route.js';
import { webhookEndpointPolicy } from '../policies/webhook-endpoint.js';
import { presentEndpoint, presentWebhookDelivery } from './webhook.presenter.js';
import { changeEndpointState, createEndpoint, deleteEndpoint, endpointDeliveries, listEndpoints, resellerNamesOf } from './webhook.service.js';

const defineRoute = routesNeeding<{ config: Config }>();

/** Webhook endpoints of the staff member's subtree; a failed delivery is sent again with POST /api/deliveries/:id/send-again. */
export const webhookRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/webhooks',
    tag: 'webhooks',
    summary: 'Webhook endpoints of your subtree, newest first (a distributor sees its resellers’ too); never their secrets',
    access: 'session',
    roles: webhookEndpointPolicy.roles('webhook.list'),
    success: { status: 200, description: 'The endpoints', schema: webhookEndpointListSchema },
    async handler({ principal, scope }) {
      const endpoints = await listEndpoints(scope);
      const names = await resellerNamesOf(scope, endpoints);
      return { items: endpoints.map((e) => presentEndpoint(e, principal, names)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/webhooks',
    tag: 'webhooks',
    summary: 'Register an endpoint for your organisation: an https URL to a public address, the events, and a secret (generated unless given), shown this once',
    access: 'session',
    roles: webhookEndpointPolicy.roles('webhook.create'),
    body: webhookEndpointInputSchema,
    success: { status: 201, description: 'The endpoint and its signing secret', schema: webhookEndpointCreatedSchema },
    errors: [409],
    async handler({ actor, body, deps }) {
      const { endpoint, secret } = await createEndpoint(actor, body, deps.config.WEBHOOK_ALLOW_PRIVATE === '1');
      return { endpoint: presentEndpoint(endpoint, actor.principal, await resellerNamesOf(actor.scope, [endpoint])), secret };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/webhooks/:id/pause',
    tag: 'webhooks',
    summary: 'Pause an active endpoint: it gets no new events, and its waiting deliveries fail (to send again after a resume); 409 unless active',
    access: 'session',
    roles: webhookEndpointPolicy.roles('webhook.pause'),
    params: idParamsSchema,
    success: { status: 200, description: 'The endpoint, paused', schema: webhookEndpointSchema },
    errors: [409],
    async handler({ actor, params }) {
      const e = await changeEndpointState(actor, params.id, 'pause');
      return presentEndpoint(e, actor.principal, await resellerNamesOf(actor.scope, [e]));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/webhooks/:id/resume',
    tag: 'webhooks',
    summary: 'Resume a paused endpoint: new events reach it again; 409 unless paused',
    access: 'session',
    roles: webhookEndpointPolicy.roles('webhook.resume'),
    params: idParamsSchema,
    success: { status: 200, description: 'The endpoint, active', schema: webhookEndpointSchema },
    errors: [409],
    async handler({ actor, params }) {
      const e = await changeEndpointState(actor, params.id, 'resume');
      return presentEndpoint(e, actor.principal, await resellerNamesOf(actor.scope, [e]));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/webhooks/:id/deliveries',
    tag: 'webhooks',
    summary: 'The endpoint’s delivery log: its newest deliveries (at most 50), each attempt with the HTTP status and time',
    access: 'session',
    roles: webhookEndpointPolicy.roles('webhook.deliveries'),
    params: idParamsSchema,
    success: { status: 200, description: 'The deliveries', schema: webhookDeliveryListSchema },
    async handler({ principal, scope, params }) {
      return { items: (await endpointDeliveries(scope, params.id)).map((d) => presentWebhookDelivery(d, principal)) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/webhooks/:id',
    tag: 'webhooks',
    summary: 'Delete an endpoint: no new events; its waiting deliveries fail',
    access: 'session',
    roles: webhookEndpointPolicy.roles('webhook.delete'),
    params: idParamsSchema,
    success: { status: 204, description: 'Deleted' },
    async handler({ actor, params, res }) {
      await deleteEndpoint(actor, params.id);
      res.status(204).end();
    },
  }),
];
