import {
  addTrackingSchema,
  trackingParamsSchema,
  bulkOrderDecisionResultSchema,
  bulkOrderDecisionSchema,
  catalogueQuerySchema,
  catalogueSchema,
  idParamsSchema,
  orderDetailSchema,
  orderExportQuerySchema,
  orderListQuerySchema,
  orderListSchema,
  orderNoteSchema,
  placeOrderSchema,
  type OrderDecision,
} from '@app/shared';
import type { Config } from '../config.js';
import { exportRoute } from '../exports/export-route.js';
import { publicOrigin } from '../http/public-origin.js';
import { routesNeeding } from '../http/route.js';
import { cataloguePolicy } from '../policies/catalogue.js';
import { orderPolicy } from '../policies/order.js';
import { browseCatalogue } from './catalogue.js';
import { orderExport } from './order-export.js';
import { listOrderPage } from './order-list.js';
import { presentOrder, presentOrderDetail } from './order.presenter.js';
import type { Actor } from '../tenancy/actor.js';
import { watchNotesOf } from './customer-watch-notes.js';
import { addTracking, removeTracking } from './order-tracking.js';
import { decideOrder, decideOrders, getOrder, placeOrder, type StoredOrder } from './order.service.js';

// Order emails travel in the order's write and leave through the delivery queue; links use the public origin.
const defineRoute = routesNeeding<{ config: Config }>();

const decision = (path: OrderDecision, ability: 'order.accept' | 'order.cancel' | 'order.markExecuted', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/api/orders/:id/${path}`,
    tag: 'orders',
    summary,
    access: 'session',
    roles: orderPolicy.roles(ability),
    params: idParamsSchema,
    body: orderNoteSchema,
    success: { status: 200, description: 'The order after the decision', schema: orderDetailSchema },
    errors: [409],
    async handler({ actor, req, deps, params, body }) {
      const order = await decideOrder(actor, params.id, path, body.note, publicOrigin(req, deps.config));
      return presentWithWatchNote(actor, order);
    },
  });

/** One order for its page, with its customer's watch-list note where the caller is staff. */
async function presentWithWatchNote(actor: Actor, order: StoredOrder) {
  const notes = await watchNotesOf(actor, [order.customerId]);
  return presentOrderDetail(order, actor.principal, notes.get(String(order.customerId)));
}

export const orderRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/orders',
    tag: 'orders',
    summary: 'One page of orders inside the caller’s subtree: by customer, status, number, reseller, age',
    access: 'session',
    roles: orderPolicy.roles('order.list'),
    query: orderListQuerySchema,
    success: { status: 200, description: 'A page of orders', schema: orderListSchema },
    async handler({ actor, principal, scope, query }) {
      const page = await listOrderPage(query, scope);
      const notes = await watchNotesOf(actor, page.items.map((o) => o.customerId));
      return { items: page.items.map((o) => presentOrder(o, principal, notes.get(String(o.customerId)))), total: page.total, nextCursor: page.nextCursor };
    },
  }),
  // Before /api/orders/:id, which would otherwise take `export.xlsx` for an id.
  exportRoute({
    path: '/api/orders/export.xlsx',
    tag: 'orders',
    summary: "An orders grid's current view (search, status, customer, reseller, age, sort) as an Excel workbook, streamed; no cost for storefront users",
    roles: orderPolicy.roles('order.export'),
    query: orderExportQuerySchema,
    title: 'Orders',
    build: orderExport,
  }),
  defineRoute({
    method: 'post',
    path: '/api/orders',
    tag: 'orders',
    summary: 'Place an order (idempotent per submit key); a storefront user orders for its company',
    access: 'session',
    roles: orderPolicy.roles('order.place'),
    body: placeOrderSchema,
    success: { status: 201, description: 'The order (200 with the same order for a repeated submit)', schema: orderDetailSchema },
    errors: [409],
    async handler({ actor, req, deps, body, res }) {
      const { order, created } = await placeOrder(actor, body, publicOrigin(req, deps.config));
      res.status(created ? 201 : 200).json(presentOrderDetail(order, actor.principal));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/orders/decisions',
    tag: 'orders',
    summary: 'Decide many orders at once; each is decided on its own, the answer says how each went',
    access: 'session',
    roles: orderPolicy.roles('order.cancel'),
    body: bulkOrderDecisionSchema,
    success: { status: 200, description: 'The outcome for each order', schema: bulkOrderDecisionResultSchema },
    async handler({ actor, req, deps, body }) {
      const { results } = await decideOrders(actor, body.ids, body.decision, body.note, publicOrigin(req, deps.config));
      return { results };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/orders/:id',
    tag: 'orders',
    summary: 'One order with its lines and history',
    access: 'session',
    roles: orderPolicy.roles('order.read'),
    params: idParamsSchema,
    success: { status: 200, description: 'The order', schema: orderDetailSchema },
    async handler({ actor, scope, params }) {
      return presentWithWatchNote(actor, await getOrder(scope, params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/orders/:id/tracking',
    tag: 'orders',
    summary: 'Add a parcel’s carrier and tracking number to an order in progress or executed (the buyer sees it)',
    access: 'session',
    roles: orderPolicy.roles('order.addTracking'),
    params: idParamsSchema,
    body: addTrackingSchema,
    success: { status: 200, description: 'The order with the tracking number', schema: orderDetailSchema },
    errors: [409],
    async handler({ actor, params, body }) {
      return presentWithWatchNote(actor, await addTracking(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/orders/:id/tracking/:number',
    tag: 'orders',
    summary: 'Take a parcel’s tracking number off an order (one typed wrong)',
    access: 'session',
    roles: orderPolicy.roles('order.removeTracking'),
    params: trackingParamsSchema,
    success: { status: 200, description: 'The order without the tracking number', schema: orderDetailSchema },
    errors: [409],
    async handler({ actor, params }) {
      return presentWithWatchNote(actor, await removeTracking(actor, params.id, params.number));
    },
  }),
  decision('accept', 'order.accept', 'Accept an order waiting for approval (it moves on to in progress or executed)'),
  decision('cancel', 'order.cancel', 'Cancel an order: the reseller a waiting one, the distributor one in progress'),
  decision('mark-executed', 'order.markExecuted', 'Mark an order in progress as executed (manual provisioning done)'),
  defineRoute({
    method: 'get',
    path: '/api/catalogue',
    tag: 'orders',
    summary: 'The distributor’s catalogue at the caller’s prices (cost for staff only)',
    access: 'session',
    roles: cataloguePolicy.roles('catalogue.browse'),
    query: catalogueQuerySchema,
    success: { status: 200, description: 'Products and categories', schema: catalogueSchema },
    handler: ({ actor, query }) => browseCatalogue(actor, query),
  }),
];
