import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { taxLine } from './invoice-tax.js';

/*
 * The monthly subscription invoice's rule, pure (the live issuing and the demo data both use it).
 *
 * A customer's monthly lines are billed per calendar month (UTC), in arrears: one invoice per
 * customer and month, issued once the month is over. A monthly line of an executed order whose
 * subscription is active is billed for month M when the order was executed before M ended:
 *   - executed before M began: the whole month, at its unit price;
 *   - executed during M: prorated by days, from the day of execution to the month's last day, both
 *     included: unit price × days / days of the month, rounded half-up to the cent (a line
 *     executed on the 12th of a 31-day month pays 20/31 of it).
 * VAT is the customer's rate per line (invoice-tax.ts). One-time lines are never billed here: the
 * order's own invoice takes them when it is executed (issue-invoice.ts).
 */

const DAY_MS = 86_400_000;

/** How many finished months back housekeeping still issues a missing month's invoice (a server down that long). */
export const MONTHLY_CATCH_UP_MONTHS = 3;
/** A month is billed this long after it ended: an execution written at midnight's stroke is in by then. */
export const MONTHLY_SETTLE_MS = 10 * 60_000;

/** `2026-11` of an instant (UTC). */
export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** The month's first instant, the next month's first instant, and its number of days. */
export function monthBounds(month: string): { start: Date; end: Date; days: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1));
  const end = new Date(Date.UTC(y, m, 1));
  return { start, end, days: Math.round((end.getTime() - start.getTime()) / DAY_MS) };
}

/** The finished months housekeeping bills at `now`, oldest first: the last MONTHLY_CATCH_UP_MONTHS settled ones. */
export function monthsToBill(now: Date): string[] {
  const settled = new Date(now.getTime() - MONTHLY_SETTLE_MS);
  const current = monthBounds(monthOf(settled)).start;
  return Array.from({ length: MONTHLY_CATCH_UP_MONTHS }, (_, i) => monthOf(new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth() - MONTHLY_CATCH_UP_MONTHS + i, 1))));
}

/** One customer has one invoice per month: its _id derives from both, so issuing twice finds the first. */
export const monthlyInvoiceIdFor = (customerId: Types.ObjectId, month: string) =>
  new Types.ObjectId(createHash('sha256').update(`monthly-invoice:${customerId.toHexString()}:${month}`).digest('hex').slice(0, 24));

export interface SubscriptionOrder {
  number: string;
  executedAt: Date;
  lines: readonly { sku: string; name: string; billing: string; quantity: number; unitPriceCents: number }[];
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthLabel = (month: string) => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** Unit price × days / days in month, rounded half-up to the cent, in integers. */
export const proratedCents = (unitPriceCents: number, days: number, monthDays: number) => Math.floor((unitPriceCents * days * 2 + monthDays) / (2 * monthDays));

/** The invoice lines of one customer's month: its subscriptions' monthly lines, whole or prorated. */
export function monthlyLines(orders: readonly SubscriptionOrder[], month: string, vatRateBp: number) {
  const { start, end, days } = monthBounds(month);
  const label = monthLabel(month);
  const sorted = [...orders].filter((o) => o.executedAt < end).sort((a, b) => a.executedAt.getTime() - b.executedAt.getTime() || a.number.localeCompare(b.number));
  return sorted.flatMap((o) => {
    const fromDay = o.executedAt < start ? 1 : o.executedAt.getUTCDate();
    const billedDays = days - fromDay + 1;
    return o.lines
      .filter((l) => l.billing === 'monthly')
      .map((l) => {
        const unitPriceCents = billedDays === days ? l.unitPriceCents : proratedCents(l.unitPriceCents, billedDays, days);
        const period = billedDays === days ? label : `${fromDay}–${days} ${label}, ${billedDays}/${days} days`;
        return { sku: l.sku, name: `${l.name} (${period}; order ${o.number})`, quantity: l.quantity, unitPriceCents, vatRateBp, ...taxLine(unitPriceCents, l.quantity, vatRateBp) };
      });
  });
}

/** When an order was executed: the last step to executed, or its placing (placed executed). */
export const executedAtOf = (o: { orderedAt: Date; history?: readonly { to: string; at: Date }[] | null }) =>
  [...(o.history ?? [])].reverse().find((h) => h.to === 'executed')?.at ?? o.orderedAt;
