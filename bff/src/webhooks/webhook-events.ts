import { Types } from 'mongoose';
import { WEBHOOK_EVENT_VERSION, type OrderStatus, type WebhookCustomer, type WebhookEvent, type WebhookEventType, type WebhookOrder } from '@app/shared';
import { outgoingWebhook, type OutgoingMessage } from '../deliveries/outgoing-message.js';
import { systemScope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { WebhookEndpoint } from './webhook-endpoint.model.js';

/*
 * The webhook calls a change causes, composed before its write so they travel in it (the changed
 * document's message outbox, deliveries/delivery-outbox.ts), as the order emails do: a stored
 * change always gets its calls, and the queue retries them. Tenancy: an event goes to the
 * endpoints of the changed object's reseller and of its distributor, never a sibling reseller's.
 */

/** Where the changed object sits: the endpoints told of it are its reseller's and its distributor's. */
interface Place {
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId;
}

/** One call per active endpoint of the place that chose the event; the body is rendered once per event. */
async function webhookMessages(place: Place, events: readonly { type: WebhookEventType; data: WebhookEvent['data'] }[], at: Date): Promise<OutgoingMessage[]> {
  if (events.length === 0) return [];
  const endpoints = await scoped(
    WebhookEndpoint.find({ state: 'active', resellerId: { $in: [null, place.resellerId] }, events: { $in: events.map((e) => e.type) } }, { url: 1, events: 1, distributorId: 1, resellerId: 1 }),
    systemScope({ distributorId: place.distributorId }),
  ).lean();
  if (endpoints.length === 0) return [];
  return events.flatMap(({ type, data }) => {
    const body = JSON.stringify({ id: new Types.ObjectId().toHexString(), type, version: WEBHOOK_EVENT_VERSION, occurredAt: at.toISOString(), data });
    return endpoints
      .filter((e) => (e.events as string[]).includes(type))
      .map((e) => outgoingWebhook({ distributorId: e.distributorId, resellerId: e.resellerId ?? null }, { endpointId: e._id, url: e.url, event: type, body }, { at }));
  });
}

const WAITING: ReadonlySet<OrderStatus> = new Set(['pending_company_approval', 'pending_approval']);

/** The events of an order's move: placed (and waiting or executed at once), accepted, canceled, executed. */
export function orderEventTypes(from: OrderStatus | null, to: OrderStatus): WebhookEventType[] {
  const types: WebhookEventType[] = [];
  if (from === null) types.push('order.placed');
  // Waiting for the company's approver or for the reseller: the order's status says which step.
  if (WAITING.has(to) && from !== to) types.push('order.waiting');
  if (from !== null && WAITING.has(from) && !WAITING.has(to) && to !== 'canceled') types.push('order.accepted');
  if (to === 'canceled' && from !== null) types.push('order.canceled');
  if (to === 'executed') types.push('order.executed');
  return types;
}

/** What an order's events show: prices, never the distributor's cost (the lines are copied field by field). */
export interface HookedOrder {
  _id: Types.ObjectId;
  number: string;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId;
  customerId: Types.ObjectId;
  customerName: string;
  currency: string;
  totalAmountCents: number;
  monthlyAmountCents: number;
  orderedAt: Date;
  lines: readonly { sku: string; name: string; quantity: number; unitPriceCents: number }[];
}

const webhookOrder = (o: HookedOrder, status: OrderStatus, note: string | null): WebhookOrder => ({
  id: o._id.toHexString(),
  number: o.number,
  status,
  resellerId: o.resellerId.toHexString(),
  customerId: o.customerId.toHexString(),
  customerName: o.customerName,
  currency: o.currency,
  totalAmountCents: o.totalAmountCents,
  monthlyAmountCents: o.monthlyAmountCents,
  orderedAt: o.orderedAt.toISOString(),
  note: note || null,
  lines: o.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
});

/** The calls an order's placement (`from` null) or decision causes, to put in that write. */
export function orderWebhooks(order: HookedOrder, from: OrderStatus | null, to: OrderStatus, note: string | null, at: Date): Promise<OutgoingMessage[]> {
  const data = { order: webhookOrder(order, to, note) };
  return webhookMessages(order, orderEventTypes(from, to).map((type) => ({ type, data })), at);
}

export interface HookedCustomer {
  _id: Types.ObjectId;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId;
  companyName: string;
  email: string;
  phone?: string | null;
  city?: string | null;
  country?: string | null;
  active: boolean;
  orderApprovalRequired: boolean;
}

const webhookCustomer = (c: HookedCustomer): WebhookCustomer => ({
  id: c._id.toHexString(),
  resellerId: c.resellerId.toHexString(),
  companyName: c.companyName,
  email: c.email,
  phone: c.phone ?? '',
  city: c.city ?? '',
  country: c.country ?? '',
  active: c.active,
  orderApprovalRequired: c.orderApprovalRequired,
});

/** The call a customer's creation or change causes (given the customer as it will be stored), to put in that write. */
export function customerWebhooks(customer: HookedCustomer, type: 'customer.created' | 'customer.changed', at = new Date()): Promise<OutgoingMessage[]> {
  return webhookMessages(customer, [{ type, data: { customer: webhookCustomer(customer) } }], at);
}
