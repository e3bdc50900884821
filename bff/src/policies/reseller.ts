import type { ResellerStatus } from '@app/shared';
import { definePolicy } from './policy.js';

/** What the rules about a reseller look at. */
export interface ResellerResource {
  status: ResellerStatus | string;
}

/**
 * Who may see and manage the resellers of a distributor: its own staff only (the scope has already
 * limited which resellers they see). Resellers never change their own payment method, markup or
 * status, by any route.
 */
export const resellerPolicy = definePolicy<
  'reseller.list' | 'reseller.read' | 'reseller.create' | 'reseller.edit' | 'reseller.setPaymentMethod' | 'reseller.suspend' | 'reseller.reinstate',
  ResellerResource
>({
  'reseller.list': { roles: ['distributor'] },
  'reseller.read': { roles: ['distributor'] },
  'reseller.create': { roles: ['distributor'] },
  'reseller.edit': { roles: ['distributor'] },
  'reseller.setPaymentMethod': { roles: ['distributor'] },
  'reseller.suspend': { roles: ['distributor'], when: (r) => r.status !== 'suspended' },
  'reseller.reinstate': { roles: ['distributor'], when: (r) => r.status === 'suspended' },
});
