import { Stack, Text, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { Order, OrderDecision, OrderStatus } from '@app/shared';
import { i18n } from '@/lib/i18n';

const t = i18n.fixedT('orders');

interface DecisionCopy {
  label: string;
  title: (what: string) => string;
  confirm: string;
  /** "Order NW-1 accepted." / "3 orders accepted." */
  doneOne: (number: string) => string;
  doneMany: (count: number) => string;
  /** "2 orders were not accepted" */
  missed: (count: number) => string;
  danger?: boolean;
  body: string;
}

// Getters, not values: the words are read when shown, in the language on screen then.
const copy = (d: OrderDecision, danger = false): DecisionCopy => ({
  get label() {
    return t(`decision.${d}.label`);
  },
  title: (what) => t(`decision.${d}.title`, { what }),
  get confirm() {
    return t(`decision.${d}.label`);
  },
  doneOne: (number) => t(`decision.${d}.doneOne`, { number }),
  doneMany: (count) => t(`decision.${d}.doneMany`, { count }),
  missed: (count) => t(`decision.${d}.missed`, { count }),
  ...(danger ? { danger } : {}),
  get body() {
    return t(`decision.${d}.body`);
  },
});

export const DECISION_COPY: Record<OrderDecision, DecisionCopy> = { accept: copy('accept'), cancel: copy('cancel', true), 'mark-executed': copy('mark-executed') };

/** The order's decisions the caller may take now, in menu order, from the abilities the server sent. */
export function decisionsFor(order: Pick<Order, 'abilities'>): OrderDecision[] {
  const out: OrderDecision[] = [];
  if (order.abilities.accept) out.push('accept');
  if (order.abilities.markExecuted) out.push('mark-executed');
  if (order.abilities.cancel) out.push('cancel');
  return out;
}

/**
 * Confirms a decision with an optional note, then runs it. At the company's step (`status`
 * pending_company_approval) the words are the buyer's company's: its note goes to its buyer.
 */
export function confirmDecision(
  what: { number: string; count?: number; status?: OrderStatus },
  decision: OrderDecision,
  run: (note: string | undefined) => Promise<unknown>,
) {
  const words = DECISION_COPY[decision];
  const companyStep = what.status === 'pending_company_approval';
  let note = '';
  const subject = what.count && what.count > 1 ? t('decision.subjectMany', { count: what.count }) : t('decision.subjectOne', { number: what.number });
  modals.openConfirmModal({
    title: words.title(subject),
    children: (
      <Stack gap="sm">
        <Text size="sm">{companyStep && decision === 'accept' ? t('decision.accept.bodyCompany') : words.body}</Text>
        <Textarea label={companyStep ? t('decision.noteBuyer') : t('decision.note')} maxLength={500} autosize minRows={2} onChange={(e) => (note = e.currentTarget.value)} />
      </Stack>
    ),
    labels: { confirm: words.confirm, cancel: t('decision.back') },
    confirmProps: words.danger ? { color: 'red' } : {},
    onConfirm: () => {
      run(note.trim() || undefined).catch((err: Error) => notifications.show({ color: 'red', title: t('decision.nothingChanged'), message: err.message }));
    },
  });
}
