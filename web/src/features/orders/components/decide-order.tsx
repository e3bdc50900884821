import { Stack, Text, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { Order, OrderDecision } from '@app/shared';

export const DECISION_COPY: Record<OrderDecision, { label: string; title: (what: string) => string; confirm: string; done: string; danger?: boolean; body: string }> = {
  accept: {
    label: 'Accept',
    title: (what) => `Accept ${what}?`,
    confirm: 'Accept',
    done: 'accepted',
    body: 'The order goes ahead: to the reseller’s approval where its rules ask for it, else executed at once or passed to the distributor for manual provisioning.',
  },
  cancel: { label: 'Cancel order', title: (what) => `Cancel ${what}?`, confirm: 'Cancel order', done: 'canceled', danger: true, body: 'The order will be canceled. This cannot be undone.' },
  'mark-executed': {
    label: 'Mark executed',
    title: (what) => `Mark ${what} executed?`,
    confirm: 'Mark executed',
    done: 'marked executed',
    body: 'The products are provisioned: the order is done and counts toward the customer’s run rate.',
  },
};

/** The order's decisions the caller may take now, in menu order, from the abilities the server sent. */
export function decisionsFor(order: Pick<Order, 'abilities'>): OrderDecision[] {
  const out: OrderDecision[] = [];
  if (order.abilities.accept) out.push('accept');
  if (order.abilities.markExecuted) out.push('mark-executed');
  if (order.abilities.cancel) out.push('cancel');
  return out;
}

/** Confirms a decision with an optional note the customer sees, then runs it. */
export function confirmDecision(
  what: { number: string; count?: number },
  decision: OrderDecision,
  run: (note: string | undefined) => Promise<unknown>,
) {
  const copy = DECISION_COPY[decision];
  let note = '';
  const subject = what.count && what.count > 1 ? `${what.count} orders` : `order ${what.number}`;
  modals.openConfirmModal({
    title: copy.title(subject),
    children: (
      <Stack gap="sm">
        <Text size="sm">{copy.body}</Text>
        <Textarea label="Note for the customer (optional)" maxLength={500} autosize minRows={2} onChange={(e) => (note = e.currentTarget.value)} />
      </Stack>
    ),
    labels: { confirm: copy.confirm, cancel: 'Back' },
    confirmProps: copy.danger ? { color: 'red' } : {},
    onConfirm: () => {
      run(note.trim() || undefined).catch((err: Error) => notifications.show({ color: 'red', title: 'Nothing was changed', message: err.message }));
    },
  });
}
