import type { StorefrontUser } from '@app/shared';
import { storefrontUserPolicy } from '../policies/storefront-user.js';
import type { Principal } from '../tenancy/principal.js';
import type { UserDoc } from '../users/user.model.js';

type Stored = UserDoc & { _id: { toHexString(): string }; createdAt: Date };

/** The fields the API shows of a storefront user (never the password hash or the login realm), and what the caller may do. */
export function presentStorefrontUser(u: Stored, principal: Principal): StorefrontUser {
  return {
    id: u._id.toHexString(),
    customerId: String(u.customerId),
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    language: u.language,
    dateFormat: u.dateFormat,
    state: u.state,
    companyRole: u.companyRole ?? 'admin',
    orderLimit: u.orderLimitCents == null ? null : u.orderLimitCents / 100,
    monthlyLimit: u.monthlyLimitCents == null ? null : u.monthlyLimitCents / 100,
    lastSignInAt: u.lastSignInAt ? u.lastSignInAt.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
    abilities: storefrontUserPolicy.abilities(principal, { state: u.state, id: u._id.toHexString() }, {
      resendActivation: 'storefrontUser.resendActivation',
      resetPassword: 'storefrontUser.resetPassword',
      deactivate: 'storefrontUser.deactivate',
      activate: 'storefrontUser.activate',
      setCompanyRole: 'storefrontUser.setCompanyRole',
    }),
  };
}
