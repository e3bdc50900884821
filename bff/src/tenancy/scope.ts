import type { Types } from 'mongoose';
import type { Principal } from './principal.js';

const brand: unique symbol = Symbol('TenantScope');

/**
 * The subtree of the tenancy tree a request may touch. Built only from a principal (or, for
 * system jobs, named explicitly), so a route cannot make one up from request input.
 */
export interface Scope {
  readonly [brand]: true;
  readonly distributorId: Types.ObjectId;
  readonly resellerId: Types.ObjectId | null;
  readonly customerId: Types.ObjectId | null;
}

export function scopeFor(principal: Principal): Scope {
  switch (principal.role) {
    case 'distributor':
      return make(principal.distributorId, null, null);
    case 'reseller':
      return make(principal.distributorId, required(principal.resellerId, 'reseller'), null);
    case 'storefront':
      return make(
        principal.distributorId,
        required(principal.resellerId, 'storefront'),
        required(principal.customerId, 'storefront'),
      );
  }
}

/** For seeding and background jobs that act for one tenant without a signed-in user. */
export function systemScope(ids: {
  distributorId: Types.ObjectId;
  resellerId?: Types.ObjectId | null;
  customerId?: Types.ObjectId | null;
}): Scope {
  return make(ids.distributorId, ids.resellerId ?? null, ids.customerId ?? null);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'object' && value !== null && (value as Scope)[brand] === true;
}

function make(distributorId: Types.ObjectId, resellerId: Types.ObjectId | null, customerId: Types.ObjectId | null): Scope {
  return Object.freeze({ [brand]: true as const, distributorId, resellerId, customerId });
}

function required(id: Types.ObjectId | null, role: string): Types.ObjectId {
  if (!id) throw new Error(`A ${role} principal must carry its tenant ids`);
  return id;
}
