import type { Types } from 'mongoose';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import { Customer } from './customer.model.js';

/** Keeps the grid's storefront-access mark in step: a customer has access while it has an active user. */
export async function refreshStorefrontAccess(scope: Scope, customerId: Types.ObjectId): Promise<void> {
  const active = await scoped(User.countDocuments({ customerId, role: 'storefront', state: 'active' }), scope);
  await scoped(Customer.updateOne({ _id: customerId }, { $set: { storefrontAccess: active > 0 } }), scope);
}
