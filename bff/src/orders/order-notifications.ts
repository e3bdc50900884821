import { orderPagePath } from '@app/shared';
import type { Mailer, MailMessage, MailTenant } from '../mail/mailer.js';
import { orderDecidedMessage, orderWaitingMessage, type MailOrder } from '../mail/order-templates.js';
import { systemScope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import type { StoredOrder } from './order.service.js';

/** What sending order emails needs: the transport, the origin for links, and where failures go. */
export interface NotifyContext {
  mailer: Mailer;
  /** PUBLIC_ORIGIN: links in emails never come from the request. */
  origin: string;
  log: (err: unknown, msg: string, details: Record<string, unknown>) => void;
}

/*
 * Order emails go out after the change is stored and after the caller has its answer: these
 * functions only queue the work (in this process) and return, so a slow or failing mail server
 * can neither delay nor fail a decision. A failed send is logged with the order and the recipient's
 * user id and is not retried (a lost notification, never a lost or doubled decision); the order's
 * page stays the place where its status is always right.
 */
const pending = new Set<Promise<void>>();

/** Resolves once every queued order email has been handed over or logged as failed (tests; shutdown). */
export async function whenOrderMailsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

function queue(ctx: NotifyContext, order: StoredOrder, kind: string, work: () => Promise<void>): void {
  const task = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .catch((err: unknown) => ctx.log(err, 'order email not sent', { kind, orderId: order._id.toHexString(), number: order.number }))
    .finally(() => pending.delete(task));
  pending.add(task);
}

/** Sends each message on its own: one recipient's failure is logged and does not stop the others. */
async function sendEach(ctx: NotifyContext, order: StoredOrder, kind: string, messages: { userId: string; message: MailMessage; tenant: MailTenant }[]) {
  const results = await Promise.allSettled(messages.map((m) => ctx.mailer.send({ ...m.message, tenant: m.tenant })));
  results.forEach((r, i) => {
    if (r.status === 'rejected') ctx.log(r.reason, 'order email not sent', { kind, orderId: order._id.toHexString(), number: order.number, userId: messages[i]!.userId });
  });
}

/** What an email may show of an order: prices, never cost (the lines are copied field by field). */
const mailOrder = (order: StoredOrder): MailOrder => ({
  number: order.number,
  customerName: order.customerName,
  placedByName: order.placedBy?.name ?? order.customerName,
  currency: order.currency,
  lines: order.lines.map((l) => ({ name: l.name, sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
  totalAmountCents: order.totalAmountCents,
});

const recipientFields = { email: 1, firstName: 1, language: 1, distributorId: 1, resellerId: 1 } as const;

/**
 * A storefront user's order started waiting for approval: every active staff user of the order's
 * reseller gets an email with the customer, the number, the lines, the total amount and a link to
 * the order in the admin. Anything else (an order placed without approval) sends nothing.
 */
export function notifyOrderWaiting(ctx: NotifyContext, order: StoredOrder): void {
  if (order.status !== 'pending_approval' || order.placedBy?.kind !== 'customer') return;
  queue(ctx, order, 'order.waiting', async () => {
    const scope = systemScope({ distributorId: order.distributorId, resellerId: order.resellerId });
    const staff = await scoped(User.find({ role: 'reseller', resellerId: order.resellerId, state: 'active' }, recipientFields), scope).lean();
    const link = `${ctx.origin}${orderPagePath('reseller', order._id.toHexString())}`;
    const content = mailOrder(order);
    await sendEach(
      ctx,
      order,
      'order.waiting',
      staff.map((u) => ({
        userId: String(u._id),
        message: orderWaitingMessage({ to: u.email, name: u.firstName, language: u.language, order: content, link }),
        tenant: { distributorId: u.distributorId, resellerId: u.resellerId ?? null },
      })),
    );
  });
}

/**
 * An order was decided (accepted, canceled) or finished by the distributor (executed, canceled):
 * the storefront user who placed it, if still active, gets an email in their language with the new
 * status, the decision's note if any, and a link to the order in the storefront. Orders the
 * reseller placed on the customer's behalf send nothing.
 */
export function notifyOrderDecided(ctx: NotifyContext, order: StoredOrder): void {
  const userId = order.placedBy?.kind === 'customer' ? order.placedBy.userId : null;
  if (!userId || order.status === 'pending_approval') return;
  const decision = order.history.at(-1);
  queue(ctx, order, 'order.decided', async () => {
    const scope = systemScope({ distributorId: order.distributorId, resellerId: order.resellerId, customerId: order.customerId });
    const user = await scoped(User.findOne({ _id: userId, role: 'storefront', state: 'active' }, recipientFields), scope).lean();
    if (!user) return;
    const message = orderDecidedMessage({
      to: user.email,
      name: user.firstName,
      language: user.language,
      order: mailOrder(order),
      status: order.status,
      note: decision?.to === order.status ? (decision.note ?? '') : '',
      link: `${ctx.origin}${orderPagePath('storefront', order._id.toHexString())}`,
    });
    await sendEach(ctx, order, 'order.decided', [{ userId: String(user._id), message, tenant: { distributorId: user.distributorId, resellerId: user.resellerId ?? null } }]);
  });
}
