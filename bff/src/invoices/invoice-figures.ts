import type { Types } from 'mongoose';
import { Customer } from '../customers/customer.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import type { FigureDelta, FigureTarget } from '../figures/kept-figures.js';
import { Reseller } from '../resellers/reseller.model.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { Invoice } from './invoice.model.js';

/** The customer's open invoices: issued (announced, so counted in the balance) and not settled. */
export const openInvoicesOf = (customerId: Types.ObjectId) => ({ customerId, kind: 'invoice' as const, announced: true, openCents: { $gt: 0 } });

/** The earliest due date among a customer's open invoices, or null: its few open invoices, by the index on (customer, open, due). */
export async function oldestDueAtOf(distributorId: Types.ObjectId, customerId: Types.ObjectId): Promise<Date | null> {
  const open = await unsafeUnscoped(
    Invoice.find({ distributorId, ...openInvoicesOf(customerId) }, { dueAt: 1 }),
    'invoices: a customer’s open invoices, for the due date kept on it (the figures’ follow-up, named by the invoice)',
  ).lean();
  const due = open.map((i) => i.dueAt).filter((d): d is Date => d instanceof Date);
  return due.length === 0 ? null : new Date(Math.min(...due.map((d) => d.getTime())));
}

/** The kept credit fields of a customer with this balance and oldest open due date (seeds, the reconciliation). */
export function creditStandingFields(c: object, balanceCents: number, oldestDueAt: number | Date | null) {
  const limit = ((c as { creditTerms?: unknown }).creditTerms as { creditLimitCents?: number | null } | null | undefined)?.creditLimitCents ?? null;
  return { creditLimited: limit !== null, creditHeadroomCents: (limit ?? 0) - balanceCents, oldestDueAt: oldestDueAt === null ? null : new Date(oldestDueAt) };
}

/** What the customer's credit headroom moves by when its balance moves. */
export const headroomDelta = (inc: FigureDelta): Record<string, number> => (inc.balanceCents ? { creditHeadroomCents: -inc.balanceCents } : {});

/**
 * An invoice's balance is its customer's, its reseller's and its distributor's. On the customer the
 * same write also moves what the grid's filters read: the credit headroom (by the same amount) and
 * the oldest open due date (read back from its open invoices, after the customer's version).
 */
export function invoiceFigureTargets(invoice: Record<string, unknown>): FigureTarget[] {
  const customerId = invoice.customerId as Types.ObjectId;
  const distributorId = invoice.distributorId as Types.ObjectId;
  return [
    {
      model: Customer,
      id: customerId,
      alsoInc: headroomDelta,
      recompute: async (inc) => (inc.balanceCents ? { oldestDueAt: await oldestDueAtOf(distributorId, customerId) } : null),
    },
    { model: Reseller, id: invoice.resellerId as Types.ObjectId },
    { model: Distributor, id: distributorId },
  ];
}
