import type { OrderStatus } from '@app/shared';
import { definePolicy } from './policy.js';

/** Statuses an order can have parcels in: accepted and under way, or done. */
export const TRACKABLE: readonly OrderStatus[] = ['in_progress', 'executed'];

export interface OrderResource {
  status: OrderStatus;
}

/**
 * Who may do what with orders, once the scope has limited which orders they see. The reseller
 * decides orders waiting for approval; the distributor finishes (or cancels) those waiting for
 * manual provisioning; a storefront user places and follows its company's orders. Cost is for staff.
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
  | 'order.seeWatchNote',
  OrderResource
>({
  'order.list': { roles: ['distributor', 'reseller', 'storefront'] },
  // The Orders page: every order of the reseller's customers on one page, to filter and decide.
  'order.browse': { roles: ['reseller'] },
  // Everyone who sees an orders grid may take it away as a file (without cost where they may not see cost).
  'order.export': { roles: ['distributor', 'reseller', 'storefront'] },
  'order.read': { roles: ['distributor', 'reseller', 'storefront'] },
  'order.place': { roles: ['reseller', 'storefront'] },
  'order.seeCost': { roles: ['distributor', 'reseller'] },
  'order.accept': { roles: ['reseller'], when: (o) => o.status === 'pending_approval' },
  'order.cancel': {
    roles: ['reseller', 'distributor'],
    when: (o, p) => (p.role === 'reseller' ? o.status === 'pending_approval' : o.status === 'in_progress'),
  },
  'order.markExecuted': { roles: ['distributor'], when: (o) => o.status === 'in_progress' },
  // Parcels ship once the order is under way; staff on either side may record them.
  'order.addTracking': { roles: ['reseller', 'distributor'], when: (o) => TRACKABLE.includes(o.status) },
  // The customer's watch-list note travels with its orders to staff, never to the storefront.
  'order.seeWatchNote': { roles: ['distributor', 'reseller'] },
});
