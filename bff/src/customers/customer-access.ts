import type { Types } from 'mongoose';
import { systemScope, type Scope } from '../tenancy/scope.js';
import { scoped, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import { Customer } from './customer.model.js';

/** Keeps the grid's storefront-access mark in step: a customer has access while it has an active user. */
export async function refreshStorefrontAccess(scope: Scope, customerId: Types.ObjectId): Promise<void> {
  const active = await scoped(User.countDocuments({ customerId, role: 'storefront', state: 'active' }), scope);
  await scoped(Customer.updateOne({ _id: customerId }, { $set: { storefrontAccess: active > 0 } }), scope);
}

/** The same for the customer of a storefront user (start-up recovery knows only the user). */
export async function refreshStorefrontAccessOfUser(userId: Types.ObjectId): Promise<void> {
  const user = await unsafeUnscoped(User.findById(userId, { distributorId: 1, resellerId: 1, customerId: 1 }), 'recovery: the customer of a changed user').lean();
  if (!user?.customerId) return;
  const scope = systemScope({ distributorId: user.distributorId, resellerId: user.resellerId, customerId: user.customerId });
  await refreshStorefrontAccess(scope, user.customerId);
}
