import type { Types } from 'mongoose';
import type { CustomerBalance } from '@app/shared';
import { getCustomer } from '../customers/customer.service.js';
import { forbidden } from '../errors/app-error.js';
import { figuresOf } from '../figures/kept-figures.js';
import { invoicePolicy } from '../policies/invoice.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Invoice } from './invoice.model.js';

/**
 * What a customer owes: its kept balance (moved by every issue, credit note and payment in the same
 * writes), and of it what is past due — the open invoices due before now, read by the index on
 * (customer, open, due date): this customer's few overdue invoices, never a scan.
 */
export async function customerBalance(actor: Actor, customerId: string, now = new Date()): Promise<CustomerBalance> {
  if (!invoicePolicy.admits(actor.principal, 'invoice.list')) throw forbidden();
  const { customer, currency } = await getCustomer(actor.scope, customerId);
  return { balanceCents: keptBalanceOf(customer), overdueCents: await overdueCentsOf(actor, customer._id, now), currency };
}

/**
 * The one balance of a customer: issued − credited − paid, kept on the customer by the writes that
 * issue, credit and pay (figures/kept-figures.ts). Everything that shows a balance reads it here —
 * the record, the storefront, the statement (whose opening and closing are this balance less what
 * moved after them) — never a recount of its own.
 */
export const keptBalanceOf = (customer: Parameters<typeof figuresOf>[0]): number => figuresOf(customer).balanceCents;

export async function overdueCentsOf(actor: Pick<Actor, 'scope'>, customerId: Types.ObjectId, now: Date): Promise<number> {
  const overdue = await scoped(
    Invoice.find({ customerId, kind: 'invoice', openCents: { $gt: 0 }, dueAt: { $lt: now }, number: { $ne: null } }, { openCents: 1 }),
    actor.scope,
  ).lean();
  return overdue.reduce((s, i) => s + i.openCents, 0);
}
