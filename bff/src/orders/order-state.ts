import type { OrderStatus } from '@app/shared';

/**
 * The order life cycle (rule 2), in one table: from each status, the statuses it may move to.
 * `executed` and `canceled` are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_approval: ['in_progress', 'executed', 'canceled'],
  in_progress: ['executed', 'canceled'],
  executed: [],
  canceled: [],
};

export const canMove = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);

/** Where an order goes once nobody needs to approve it: done, or waiting for the distributor's hands. */
export const statusWithoutApproval = (lines: readonly { provisioning: string }[]): OrderStatus =>
  lines.some((l) => l.provisioning === 'manual') ? 'in_progress' : 'executed';

/** The status a new order starts in. */
export const initialStatus = (approvalRequired: boolean, lines: readonly { provisioning: string }[]): OrderStatus =>
  approvalRequired ? 'pending_approval' : statusWithoutApproval(lines);
