import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { USER_STATES, type Role, type UserState } from '@app/shared';
import type { Principal } from '../tenancy/principal.js';
import { approvalForcedBy, customerPolicy, effectiveApproval } from './customer.js';
import { resellerPolicy } from './reseller.js';
import { storefrontUserPolicy } from './storefront-user.js';

const principal = (role: Role): Principal => ({
  userId: new Types.ObjectId(),
  sessionId: 's',
  role,
  email: `${role}@example.test`,
  displayName: role,
  distributorId: new Types.ObjectId(),
  resellerId: role === 'distributor' ? null : new Types.ObjectId(),
  customerId: role === 'storefront' ? new Types.ObjectId() : null,
  companyRole: role === 'storefront' ? 'admin' : null,
});
const P = { distributor: principal('distributor'), reseller: principal('reseller'), storefront: principal('storefront') };

describe('customer policy: principal × action × payment method → allowed', () => {
  // [role, action, payment method, approval asked for, allowed]
  const table: [Role, Parameters<typeof customerPolicy.can>[1], string, boolean | undefined, boolean][] = [
    ['reseller', 'customer.list', 'cash', undefined, true],
    ['distributor', 'customer.list', 'cash', undefined, true],
    ['storefront', 'customer.list', 'cash', undefined, false],
    ['reseller', 'customer.read', 'cash', undefined, true],
    ['distributor', 'customer.read', 'cash', undefined, true],
    ['storefront', 'customer.read', 'cash', undefined, false],
    ['reseller', 'customer.export', 'cash', undefined, true],
    ['distributor', 'customer.export', 'cash', undefined, true],
    ['storefront', 'customer.export', 'cash', undefined, false],
    ['reseller', 'customer.create', 'cash', undefined, true],
    ['distributor', 'customer.create', 'cash', undefined, false],
    ['reseller', 'customer.edit', 'credit_card', undefined, true],
    ['distributor', 'customer.edit', 'cash', undefined, false],
    ['storefront', 'customer.edit', 'cash', undefined, false],
    ['reseller', 'customer.setActive', 'cash', undefined, true],
    ['distributor', 'customer.setActive', 'cash', undefined, false],
    ['reseller', 'customer.openWorkspace', 'cash', undefined, true],
    ['distributor', 'customer.openWorkspace', 'cash', undefined, false],
    ['distributor', 'customer.placeOrder', 'cash', undefined, false],
    // Rule 1: a credit-card reseller may switch approval on, never off.
    ['reseller', 'customer.setOrderApproval', 'cash', false, true],
    ['reseller', 'customer.setOrderApproval', 'cash', true, true],
    ['reseller', 'customer.setOrderApproval', 'deposit', false, true],
    ['reseller', 'customer.setOrderApproval', 'credit_card', false, false],
    ['reseller', 'customer.setOrderApproval', 'credit_card', true, true],
    // As an ability (no value asked for): the switch is free only where nothing forces it.
    ['reseller', 'customer.setOrderApproval', 'cash', undefined, true],
    ['reseller', 'customer.setOrderApproval', 'credit_card', undefined, false],
    ['distributor', 'customer.setOrderApproval', 'cash', true, false],
    ['storefront', 'customer.setOrderApproval', 'cash', true, false],
  ];
  it.each(table)('%s %s (%s, to %s) → %s', (role, action, paymentMethod, to, allowed) => {
    expect(customerPolicy.can(P[role], action, { paymentMethod, to })).toBe(allowed);
  });

  it('lets staff and the customer’s own users order only for an active customer', () => {
    expect(customerPolicy.can(P.reseller, 'customer.placeOrder', { paymentMethod: 'cash', active: true })).toBe(true);
    expect(customerPolicy.can(P.reseller, 'customer.placeOrder', { paymentMethod: 'cash', active: false })).toBe(false);
    expect(customerPolicy.can(P.storefront, 'customer.placeOrder', { paymentMethod: 'cash', active: true })).toBe(true);
    expect(customerPolicy.can(P.distributor, 'customer.placeOrder', { paymentMethod: 'cash', active: true })).toBe(false);
  });

  it('tells a refusal by role (403) from one by state (409)', () => {
    expect(customerPolicy.decide(P.distributor, 'customer.setOrderApproval', { paymentMethod: 'cash', to: false })).toEqual({ allowed: false, reason: 'role' });
    expect(customerPolicy.decide(P.reseller, 'customer.setOrderApproval', { paymentMethod: 'credit_card', to: false })).toEqual({ allowed: false, reason: 'state' });
  });

  it('decides rule 1 in one function, which the effective setting follows', () => {
    expect(['credit_card', 'cash', 'deposit', null].map(approvalForcedBy)).toEqual([true, false, false, false]);
    expect(effectiveApproval({ orderApprovalRequired: false }, 'credit_card')).toMatchObject({ required: true, customerSetting: false, forcedByPaymentMethod: true, mode: 'always', customerMode: 'never' });
    expect(effectiveApproval({ orderApprovalRequired: false }, 'cash')).toMatchObject({ required: false, customerSetting: false, forcedByPaymentMethod: false, mode: 'never' });
  });
});

describe('storefront-user policy: principal × action × user state → allowed', () => {
  const allowedStates: Record<Parameters<typeof storefrontUserPolicy.can>[1], UserState[]> = {
    'storefrontUser.list': [...USER_STATES],
    'storefrontUser.add': [...USER_STATES],
    'storefrontUser.resendActivation': ['pending_activation'],
    'storefrontUser.resetPassword': ['active'],
    'storefrontUser.deactivate': ['pending_activation', 'active'],
    'storefrontUser.activate': ['deactivated'],
    'storefrontUser.setCompanyRole': [...USER_STATES],
  };
  // The storefront principal is its company's admin: it lists and sets roles of its company's other users.
  const adminMay = new Set(['storefrontUser.list', 'storefrontUser.setCompanyRole']);
  const rows = Object.entries(allowedStates).flatMap(([action, states]) =>
    USER_STATES.flatMap((state) =>
      (['reseller', 'distributor', 'storefront'] as const).map((role) => {
        const readOnly = action === 'storefrontUser.list' && role === 'distributor';
        return [role, action, state, role === 'reseller' ? states.includes(state) : role === 'storefront' ? adminMay.has(action) : readOnly] as const;
      }),
    ),
  );
  it.each(rows)('%s %s on a %s user → %s', (role, action, state, allowed) => {
    expect(storefrontUserPolicy.can(P[role], action as never, { state })).toBe(allowed);
  });
});

describe('reseller policy', () => {
  it('lets only the distributor list its resellers', () => {
    expect([P.distributor, P.reseller, P.storefront].map((p) => resellerPolicy.can(p, 'reseller.list'))).toEqual([true, false, false]);
  });
});
