import type { Types } from 'mongoose';
import { orderPagePath, type OrderStatus } from '@app/shared';
import { outgoingMail, type OutgoingMessage } from '../deliveries/outgoing-message.js';
import { orderDecidedMessage, orderReceivedMessage, orderWaitingMessage, type MailOrder } from '../mail/order-templates.js';
import { systemScope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import { companyApprovers } from './order-buyer.js';

/*
 * The emails an order's change causes, composed before its write so they travel in it (the
 * order's message outbox, deliveries/delivery-outbox.ts): a stored placement or decision always
 * gets its emails, through the delivery queue, which retries; the answer never waits for a mail
 * server. The order's page stays the place where its status is always right.
 */

/** What the emails need of an order: the fields they show, its place in the tree, who placed it. */
export interface NotifiedOrder {
  _id: Types.ObjectId;
  number: string;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId;
  customerId: Types.ObjectId;
  customerName: string;
  placedBy?: { kind: string; userId?: Types.ObjectId | null; name: string } | null;
  currency: string;
  lines: readonly { name: string; sku: string; quantity: number; unitPriceCents: number }[];
  totalAmountCents: number;
}

/** What an email may show of an order: prices, never cost (the lines are copied field by field). */
const mailOrder = (order: NotifiedOrder): MailOrder => ({
  number: order.number,
  customerName: order.customerName,
  placedByName: order.placedBy?.name ?? order.customerName,
  currency: order.currency,
  lines: order.lines.map((l) => ({ name: l.name, sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
  totalAmountCents: order.totalAmountCents,
});

const recipientFields = { email: 1, firstName: 1, language: 1, distributorId: 1, resellerId: 1, customerId: 1 } as const;

/** The reseller's active staff: who is told that an order waits for approval. */
export async function waitingOrderRecipients(order: Pick<NotifiedOrder, 'distributorId' | 'resellerId'>) {
  const scope = systemScope({ distributorId: order.distributorId, resellerId: order.resellerId });
  return scoped(User.find({ role: 'reseller', resellerId: order.resellerId, state: 'active' }, recipientFields), scope).lean();
}

/** Whether the reseller's staff are emailed about this order: a storefront user's, waiting for approval. */
export const tellsStaffItWaits = (order: Pick<NotifiedOrder, 'placedBy'>, status: OrderStatus) => status === 'pending_approval' && order.placedBy?.kind === 'customer';

/**
 * A storefront user's order starts waiting for approval: every active staff user of the order's
 * reseller gets the customer, the number, the lines, the total amount and a link to the order in
 * the admin. Anything else (an order placed without approval) sends nothing.
 */
export function orderWaitingMessages(
  origin: string,
  order: NotifiedOrder,
  status: OrderStatus,
  staff: Awaited<ReturnType<typeof waitingOrderRecipients>>,
  at: Date,
): OutgoingMessage[] {
  if (!tellsStaffItWaits(order, status)) return [];
  const link = `${origin}${orderPagePath('reseller', order._id.toHexString())}`;
  const content = mailOrder(order);
  return staff.map((u) =>
    outgoingMail('order.waiting', u, orderWaitingMessage({ to: u.email, name: u.firstName, language: u.language, order: content, link }), { at }),
  );
}

/**
 * An order is decided (accepted, canceled) or finished by the distributor (executed, canceled):
 * the storefront user who placed it, if still active, gets the new status, the decision's note if
 * any, and a link to the order in the storefront, in their language. Orders the reseller placed on
 * the customer's behalf send nothing.
 */
export async function orderDecidedMessages(origin: string, order: NotifiedOrder, status: OrderStatus, note: string, at: Date): Promise<OutgoingMessage[]> {
  const userId = order.placedBy?.kind === 'customer' ? order.placedBy.userId : null;
  if (!userId || status === 'pending_approval') return [];
  const scope = systemScope({ distributorId: order.distributorId, resellerId: order.resellerId, customerId: order.customerId });
  const user = await scoped(User.findOne({ _id: userId, role: 'storefront', state: 'active' }, recipientFields), scope).lean();
  if (!user) return [];
  const message = orderDecidedMessage({
    to: user.email,
    name: user.firstName,
    language: user.language,
    order: mailOrder(order),
    status,
    note,
    link: `${origin}${orderPagePath('storefront', order._id.toHexString())}`,
  });
  return [outgoingMail('order.decided', user, message, { at })];
}

/**
 * A buyer's order starts waiting for its company's approval: the company's active approvers get
 * it with a link to the order in the storefront. Read before the number is drawn; composed after.
 */
export async function companyWaitingMessages(origin: string, order: Omit<NotifiedOrder, 'number'>, at: Date) {
  const scope = systemScope({ distributorId: order.distributorId, resellerId: order.resellerId, customerId: order.customerId });
  const approvers = await companyApprovers(scope, order.customerId);
  return (numbered: NotifiedOrder): OutgoingMessage[] => {
    const link = `${origin}${orderPagePath('storefront', numbered._id.toHexString())}`;
    return approvers.map((u) =>
      outgoingMail('order.waiting', u, orderWaitingMessage({ to: u.email, name: u.firstName, language: u.language, order: mailOrder(numbered), link }), { at }),
    );
  };
}

/** The storefront user who placed an order gets "order received" with its status (it may wait for approval). */
export async function orderReceivedMessages(origin: string, order: Omit<NotifiedOrder, 'number'>, status: OrderStatus, at: Date) {
  const userId = order.placedBy?.kind === 'customer' ? order.placedBy.userId : null;
  const scope = systemScope({ distributorId: order.distributorId, resellerId: order.resellerId, customerId: order.customerId });
  const user = userId ? await scoped(User.findOne({ _id: userId, role: 'storefront', state: 'active' }, recipientFields), scope).lean() : null;
  return (numbered: NotifiedOrder): OutgoingMessage[] =>
    user
      ? [
          outgoingMail(
            'order.received',
            user,
            orderReceivedMessage({
              to: user.email,
              name: user.firstName,
              language: user.language,
              order: mailOrder(numbered),
              status,
              link: `${origin}${orderPagePath('storefront', numbered._id.toHexString())}`,
            }),
            { at },
          ),
        ]
      : [];
}
