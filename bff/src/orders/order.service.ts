import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { ORDER_STATUS_LABEL, type OrderDecision, type OrderStatus, type PlaceOrder } from '@app/shared';
import { pushAudit, settleAudit, withCreationAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { orderAddress } from '../customers/customer-addresses.js';
import { getCustomer } from '../customers/customer.service.js';
import { pushDeliveries, queueDeliveries, withDeliveries } from '../deliveries/delivery-outbox.js';
import type { OutgoingMessage } from '../deliveries/outgoing-message.js';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../errors/app-error.js';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { customerPolicy } from '../policies/customer.js';
import { orderPolicy, orderResource } from '../policies/order.js';
import { approvalSteps } from '../policies/order-approval.js';
import { Product } from '../products/product.model.js';
import { pricingFor } from '../price-levels/customer-pricing.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import { companyWaitingMessages, orderDecidedMessages, orderReceivedMessages, orderWaitingMessages, tellsStaffItWaits, waitingOrderRecipients } from './order-notifications.js';
import { buyerOf, companyHasApprovers } from './order-buyer.js';
import { nextOrderNumber } from './order-number.js';
import { creditStandingOf } from './order-credit.js';
import { canMove, initialStatus, isWaiting, statusAfterCompany, statusWithoutApproval } from './order-state.js';
import { orderStatusDelta } from './order-figures.js';
import { Order, type OrderDoc } from './order.model.js';
import { pushFigureDelta, withFigureDelta } from '../figures/kept-figures.js';
import { orderWebhooks } from '../webhooks/webhook-events.js';

export type StoredOrder = OrderDoc & { _id: Types.ObjectId; updatedAt: Date; createdAt: Date };

/** An order inside the scope, or 404. */
export async function getOrder(scope: Scope, id: string): Promise<StoredOrder> {
  if (!Types.ObjectId.isValid(id)) throw notFound('The order');
  const order = await scoped(Order.findById(id), scope).lean();
  if (!order) throw notFound('The order');
  return order as StoredOrder;
}

/** 409 with the order's status now, for a decision someone else made first. */
export function orderChanged(status: OrderStatus) {
  return conflict(`This order has changed: it is now “${ORDER_STATUS_LABEL[status]}”. Refresh to see it.`, 'conflict', { status });
}

const DECISIONS = {
  // The company's approval moves it on to the reseller's when a rule of the reseller's made it wait.
  accept: {
    ability: 'order.accept',
    action: 'order.accepted',
    target: (o: StoredOrder) => (o.status === 'pending_company_approval' ? statusAfterCompany(o) : statusWithoutApproval(o.lines)),
  },
  cancel: { ability: 'order.cancel', action: 'order.canceled', target: () => 'canceled' as const },
  'mark-executed': { ability: 'order.markExecuted', action: 'order.executed', target: () => 'executed' as const },
} as const;

/**
 * Decides one order: one conditional update on the status read (no read-then-write in between),
 * so of two people deciding at once exactly one wins and the other gets 409 with the status now.
 * The decision goes into the order's history, its audit event into the order's outbox, in the
 * same write, and so do the emails it causes (composed first; `origin` for their links), which
 * then go to the delivery queue; the customer's run rate follows (the Order model's follow-up).
 */
export async function decideOrder(actor: Actor, id: string, decision: OrderDecision, note = '', origin: string): Promise<StoredOrder> {
  const { principal, scope } = actor;
  const order = await getOrder(scope, id);
  const rule = DECISIONS[decision];
  // A storefront user refused a waiting order is not allowed (someone else's, or another step's); anything else has changed.
  orderPolicy.authorize(principal, rule.ability, orderResource(order), () =>
    principal.role === 'storefront' && isWaiting(order.status) ? forbidden() : orderChanged(order.status),
  );
  const to = rule.target(order);
  if (!canMove(order.status, to)) throw orderChanged(order.status);

  const at = new Date();
  const entry = { at, from: order.status, to, byUserId: principal.userId, byName: principal.displayName, byRole: principal.role, note };
  const event = auditEventFor(
    actor,
    {
      action: rule.action,
      target: { type: 'order', id: order._id, label: order.number },
      resellerId: order.resellerId,
      customerId: order.customerId,
      customerName: order.customerName,
      changes: { status: { from: order.status, to } },
    },
    at,
  );
  // Whoever must act next is told: the reseller's staff when the company's approval passes it on.
  const messages = [
    ...(await orderDecidedMessages(origin, order, to, note, at)),
    ...(tellsStaffItWaits(order, to) ? orderWaitingMessages(origin, order, to, await waitingOrderRecipients(order), at) : []),
    ...(await orderWebhooks(order, order.status, to, note, at)),
  ];
  const updated = (await scoped(
    Order.findOneAndUpdate(
      { _id: order._id, status: order.status },
      {
        // An execution marks the order for its invoice (invoices/issue-invoice.ts), in the same write.
        $set: { status: to, subscriptionActive: to === 'executed' && order.monthlyAmountCents > 0, ...(to === 'executed' ? { invoiceDue: true } : {}) },
        // The counts per status move with the status, in the same write (figures/kept-figures.ts).
        $push: { history: entry, ...pushAudit(event).$push, ...pushFigureDelta(orderStatusDelta(order.status, to)), ...pushDeliveries(messages) },
      },
      { returnDocument: 'after' },
    ),
    scope,
  ).lean()) as StoredOrder | null;
  if (!updated) throw orderChanged((await getOrder(scope, id)).status);
  await settleAudit(actor, Order, updated);
  await queueDeliveries(Order, updated, { requestId: actor.client.requestId });
  return updated;
}

export interface BulkOutcome {
  id: string;
  outcome: 'done' | 'changed' | 'refused' | 'not_found';
  status: OrderStatus | null;
  message: string | null;
}

/** Decides each order on its own; the answer says which were decided and which had changed. */
export async function decideOrders(actor: Actor, ids: string[], decision: OrderDecision, note: string | undefined, origin: string): Promise<{ results: BulkOutcome[]; decided: StoredOrder[] }> {
  const results: BulkOutcome[] = [];
  const decided: StoredOrder[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const order = await decideOrder(actor, id, decision, note, origin);
      decided.push(order);
      results.push({ id, outcome: 'done', status: order.status, message: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const outcome = err.code === 'not_found' ? 'not_found' : err.code === 'conflict' ? 'changed' : 'refused';
      results.push({ id, outcome, status: (err.fields?.status as OrderStatus | undefined) ?? null, message: err.message });
    }
  }
  return { results, decided };
}

/** The same submit of the same cart for the same customer always names the same order. */
const orderIdFor = (customerId: Types.ObjectId, key: string) =>
  new Types.ObjectId(createHash('sha256').update(`order:${customerId.toHexString()}:${key}`).digest('hex').slice(0, 24));

/**
 * The order a repeated submit key names, if it was placed from the same cart (same products and
 * quantities); the key used for another cart is refused rather than answered with an order that
 * is not what was asked for.
 */
function sameSubmit(order: StoredOrder, input: PlaceOrder): StoredOrder {
  const cartOf = (lines: { productId: unknown; quantity: number }[]) => lines.map((l) => `${String(l.productId)}×${l.quantity}`).sort().join(',');
  if (cartOf(order.lines) !== cartOf(input.lines)) {
    throw conflict('This submit key was already used for another cart. Review the order and submit it again.');
  }
  return order;
}

/**
 * Places an order for the caller's company (a storefront user) or, on its behalf, for one of the
 * reseller's customers (no approval needed then). Idempotent per submit: the order's _id derives
 * from the customer and the submit key, so a repeated submit finds the order it made. An order that
 * waits for approval carries the emails to the reseller's staff in its creation (`origin` for links).
 */
export async function placeOrder(actor: Actor, input: PlaceOrder, origin: string): Promise<{ order: StoredOrder; created: boolean }> {
  const { principal, scope } = actor;
  orderPolicy.authorize(principal, 'order.place', undefined, () => forbidden());
  const byCustomer = principal.role === 'storefront';
  const customerId = byCustomer ? principal.customerId! : input.customerId ? new Types.ObjectId(input.customerId) : null;
  if (!customerId) throw validationFailed({ customerId: 'Choose the customer to order for' });
  if (byCustomer && input.customerId && input.customerId !== customerId.toHexString()) throw notFound('The customer');

  const _id = orderIdFor(customerId, input.idempotencyKey);
  const earlier = await scoped(Order.findById(_id), scope).lean();
  if (earlier) return { order: sameSubmit(earlier as StoredOrder, input), created: false };

  const { customer, paymentMethod, resellerSuspended, currency } = await getCustomer(scope, customerId.toHexString());
  customerPolicy.authorize(principal, 'customer.placeOrder', { paymentMethod, active: customer.active, resellerSuspended }, () =>
    conflict(resellerSuspended ? 'This storefront is suspended and takes no orders.' : 'This customer is inactive and cannot place orders.'),
  );
  const pricing = await pricingFor(scope, customer);
  const deliveryAddress = orderAddress(customer, input.deliverTo);

  const wanted = input.lines.map((l) => new Types.ObjectId(l.productId));
  const products = await scoped(Product.find({ _id: { $in: wanted }, active: true }), scope).lean();
  const byId = new Map(products.map((p) => [p._id.toHexString(), p]));
  const unknown: Record<string, string> = {};
  input.lines.forEach((l, i) => {
    if (!byId.has(l.productId)) unknown[`lines.${i}.productId`] = 'This product is not in the catalogue';
  });
  if (Object.keys(unknown).length > 0) throw validationFailed(unknown, 'Some products of this order are not in the catalogue.');

  const lines = input.lines.map((l) => {
    const p = byId.get(l.productId)!;
    // The line keeps what it was priced at: a later change to the level never alters this order.
    const { unitPriceCents, levelName } = pricing.price(p, l.quantity);
    return {
      productId: p._id,
      sku: p.sku,
      name: p.name,
      billing: p.billing,
      provisioning: p.provisioning,
      quantity: l.quantity,
      unitCostCents: p.unitCostCents,
      unitPriceCents,
      levelName,
    };
  });
  const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + f(l), 0);
  const totalAmountCents = sum((l) => l.unitPriceCents * l.quantity);
  const at = new Date();
  const [buyer, hasApprovers] = byCustomer ? await Promise.all([buyerOf(actor, at), companyHasApprovers(scope, customer._id)]) : [null, false];
  // Where the customer stands on its invoices: over its credit limit, or long overdue, a buyer's order waits.
  const credit = byCustomer ? await creditStandingOf(customer, at) : undefined;
  const approval = approvalSteps({ paymentMethod, customer, totalCents: totalAmountCents, buyer, companyHasApprovers: hasApprovers, credit });
  const status = initialStatus(approval, lines);
  const monthlyAmountCents = sum((l) => (l.billing === 'monthly' ? l.unitPriceCents * l.quantity : 0));
  const placedByName = byCustomer ? principal.displayName : customer.resellerName;
  const event = auditEventFor(
    actor,
    {
      action: 'order.placed',
      target: { type: 'order', id: _id },
      resellerId: customer.resellerId,
      customerId: customer._id,
      customerName: customer.companyName,
      changes: { status: { from: null, to: status } },
    },
    at,
  );
  const fields = {
    _id,
    ...withCreationAudit(event),
    // The new order's count, added by its follow-up (figures/kept-figures.ts).
    ...withFigureDelta(orderStatusDelta(null, status)),
    distributorId: customer.distributorId,
    resellerId: customer.resellerId,
    customerId: customer._id,
    resellerName: customer.resellerName,
    customerName: customer.companyName,
    placedBy: { kind: byCustomer ? 'customer' : 'reseller', userId: principal.userId, name: placedByName },
    deliveryAddress,
    lines,
    totalCostCents: sum((l) => l.unitCostCents * l.quantity),
    totalAmountCents,
    monthlyAmountCents,
    subscriptionActive: status === 'executed' && monthlyAmountCents > 0,
    ...(status === 'executed' ? { invoiceDue: true } : {}),
    currency,
    status,
    orderedAt: at,
    history: [{ at, from: null, to: status, byUserId: principal.userId, byName: placedByName, byRole: principal.role, note: 'Order placed' }],
    ...(byCustomer ? { approval } : {}),
    ...(input.reference ? { reference: input.reference, referenceKey: input.reference.toLowerCase() } : {}),
    ...(input.note ? { buyerNote: input.note } : {}),
  };

  const staff = tellsStaffItWaits(fields, status) ? await waitingOrderRecipients(fields) : [];
  const received = byCustomer ? await orderReceivedMessages(origin, fields, status, at) : null;
  const approvers = status === 'pending_company_approval' ? await companyWaitingMessages(origin, fields, at) : null;
  let messages: OutgoingMessage[] = [];

  // A number drawn twice (a database without atomic updates) meets the unique index: draw again.
  for (let attempt = 0; ; attempt++) {
    try {
      const number = await nextOrderNumber(scope, customer.distributorId);
      // The event and the emails name the order by its number, known only now.
      event.target.label = number;
      messages = [
        ...orderWaitingMessages(origin, { ...fields, number }, status, staff, at),
        ...(approvers?.({ ...fields, number }) ?? []),
        ...(received?.({ ...fields, number }) ?? []),
        ...(await orderWebhooks({ ...fields, number }, null, status, null, at)),
      ];
      await scopedDoc(new Order({ ...fields, number, ...withCreationAudit(event), ...withDeliveries(messages) }), scope).save();
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const same = await scoped(Order.findById(_id), scope).lean();
      if (same) return { order: sameSubmit(same as StoredOrder, input), created: false };
      if (attempt >= 3) throw err;
    }
  }
  await settleAudit(actor, Order, { _id, pendingAudit: [event] } as { _id: Types.ObjectId });
  await queueDeliveries(Order, { _id, pendingDeliveries: messages }, { requestId: actor.client.requestId });
  return { order: await getOrder(scope, _id.toHexString()), created: true };
}
