import type { StorefrontUser } from '@app/shared';
import type { UserDoc } from '../users/user.model.js';

type Stored = UserDoc & { _id: { toHexString(): string }; createdAt: Date };

/** The fields the API shows of a storefront user: never the password hash or the login realm. */
export function presentStorefrontUser(u: Stored): StorefrontUser {
  return {
    id: u._id.toHexString(),
    customerId: String(u.customerId),
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    language: u.language,
    dateFormat: u.dateFormat,
    state: u.state,
    lastSignInAt: u.lastSignInAt ? u.lastSignInAt.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
  };
}
