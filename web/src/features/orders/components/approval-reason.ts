import type { ApprovalReason } from '@app/shared';
import { formatMoney } from '@/lib/format';
import { i18n } from '@/lib/i18n';

/**
 * Why an order waits, in the language on screen, from the rule's code and figures (the server's
 * `text` is English, for staff, exports and the log).
 */
export function approvalReasonText(reason: ApprovalReason, currency: string): string {
  const money = (n: number | null) => (n === null ? '—' : formatMoney(n, currency));
  return i18n.fixedT('orders')(`reason.${reason.code}`, { amount: money(reason.amount), threshold: money(reason.threshold) });
}
