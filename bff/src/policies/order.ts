import type { CompanyRole, OrderStatus } from '@app/shared';
import { companyRoleOf, definePolicy } from './policy.js';

/** Statuses an order can have parcels in: accepted and under way, or done. */
export const TRACKABLE: readonly OrderStatus[] = ['in_progress', 'executed'];

export interface OrderResource {
  status: OrderStatus;
  /** The storefront user who placed it (a buyer may cancel its own order while it waits). */
  placedByUserId?: string | null;
}

const waiting = (s: OrderStatus) => s === 'pending_company_approval' || s === 'pending_approval';
/** Who approves a company's orders inside it. */
const COMPANY_APPROVERS: readonly CompanyRole[] = ['admin', 'approver'];

/**
 * Who may do what with orders, once the scope has limited which orders they see. Inside a
 * customer's company a buyer's order is first approved by the company's approvers; then the
 * reseller decides orders waiting for its approval; the distributor finishes (or cancels) those
 * waiting for manual provisioning. A storefront user's role in its company decides what it may do:
 * admins and buyers place orders, admins and approvers approve the company's, viewers only follow
 * them; a buyer may cancel its own order while it waits. Cost is for staff.
 */
export const orderPolicy = definePolicy<
  | 'order.list'
  | 'order.browse'
  | 'order.export'
  | 'order.read'
  | 'order.place'
  | 'order.seeCost'
  | 'order.accept'
  | 'order.cancel'
  | 'order.markExecuted'
  | 'order.addTracking'
  | 'order.removeTracking'
  | 'order.seeWatchNote',
  OrderResource
>({
  'order.list': { roles: ['distributor', 'reseller', 'storefront'] },
  // The Orders page: every order of the reseller's customers on one page, to filter and decide.
  'order.browse': { roles: ['reseller'] },
  // Everyone who sees an orders grid may take it away as a file (without cost where they may not see cost).
  'order.export': { roles: ['distributor', 'reseller', 'storefront'] },
  'order.read': { roles: ['distributor', 'reseller', 'storefront'] },
  'order.place': { roles: ['reseller', 'storefront'], companyRoles: ['admin', 'buyer'] },
  'order.seeCost': { roles: ['distributor', 'reseller'] },
  // The company approves first, then the reseller: each only at its own step.
  'order.accept': {
    roles: ['reseller', 'storefront'],
    companyRoles: COMPANY_APPROVERS,
    when: (o, p) => o.status === (p.role === 'storefront' ? 'pending_company_approval' : 'pending_approval'),
  },
  'order.cancel': {
    roles: ['reseller', 'distributor', 'storefront'],
    companyRoles: ['admin', 'approver', 'buyer'],
    when: (o, p) => {
      if (p.role === 'reseller') return waiting(o.status);
      if (p.role === 'distributor') return o.status === 'in_progress';
      const own = Boolean(o.placedByUserId) && o.placedByUserId === String(p.userId);
      return (own && waiting(o.status)) || (o.status === 'pending_company_approval' && COMPANY_APPROVERS.includes(companyRoleOf(p)));
    },
  },
  'order.markExecuted': { roles: ['distributor'], when: (o) => o.status === 'in_progress' },
  // Parcels ship once the order is under way; staff on either side may record them.
  'order.addTracking': { roles: ['reseller', 'distributor'], when: (o) => TRACKABLE.includes(o.status) },
  // A number typed wrong comes off again, by the same staff.
  'order.removeTracking': { roles: ['reseller', 'distributor'] },
  // The customer's watch-list note travels with its orders to staff, never to the storefront.
  'order.seeWatchNote': { roles: ['distributor', 'reseller'] },
});

/** What the order policy looks at of a stored order. */
export const orderResource = (o: { status: OrderStatus; placedBy?: { userId?: { toString(): string } | null } | null }): OrderResource => ({
  status: o.status,
  placedByUserId: o.placedBy?.userId ? String(o.placedBy.userId) : null,
});
