import type { OrderStatus } from '@app/shared';

/**
 * The order life cycle (rule 2), in one table: from each status, the statuses it may move to.
 * `executed` and `canceled` are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // Approved by the company's approver: on to the reseller's approval, or straight on when no rule of the reseller's applies.
  pending_company_approval: ['pending_approval', 'in_progress', 'executed', 'canceled'],
  pending_approval: ['in_progress', 'executed', 'canceled'],
  in_progress: ['executed', 'canceled'],
  executed: [],
  canceled: [],
};

export const canMove = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);

/** Where an order goes once nobody needs to approve it: done, or waiting for the distributor's hands. */
export const statusWithoutApproval = (lines: readonly { provisioning: string }[]): OrderStatus =>
  lines.some((l) => l.provisioning === 'manual') ? 'in_progress' : 'executed';

/** The status a new order starts in: the first approval step it waits for, if any. */
export const initialStatus = (steps: { company: unknown; reseller: unknown }, lines: readonly { provisioning: string }[]): OrderStatus =>
  steps.company ? 'pending_company_approval' : steps.reseller ? 'pending_approval' : statusWithoutApproval(lines);

/** Where an order goes once its company approved it: the reseller's approval when a rule of the reseller's made it wait. */
export const statusAfterCompany = (order: { approval?: { reseller?: unknown } | null; lines: readonly { provisioning: string }[] }): OrderStatus =>
  order.approval?.reseller ? 'pending_approval' : statusWithoutApproval(order.lines);

/** The statuses in which an order waits for someone's approval. */
export const isWaiting = (status: OrderStatus) => status === 'pending_company_approval' || status === 'pending_approval';
