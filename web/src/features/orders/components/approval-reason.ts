import type { ApprovalReason } from '@app/shared';
import { formatMoney } from '@/lib/format';
import { i18n } from '@/lib/i18n';

/**
 * Why an order waits, in the language on screen, from the rule's code and figures (the server's
 * `text` is English, for staff, exports and the log).
 */
export function approvalReasonText(reason: ApprovalReason, currency: string): string {
  // The overdue rule's figures are days; every other rule's are money.
  const figure = (n: number | null) => (n === null ? '—' : reason.code === 'overdue' ? String(n) : formatMoney(n, currency));
  return i18n.fixedT('orders')(`reason.${reason.code}`, { amount: figure(reason.amount), threshold: figure(reason.threshold) });
}
