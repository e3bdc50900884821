import type { Types } from 'mongoose';
import type { CompanyRole, Role } from '@app/shared';

/** Who is calling, as established by the session: the only input to scopes and policies. */
export interface Principal {
  readonly userId: Types.ObjectId;
  readonly sessionId: string;
  readonly role: Role;
  readonly email: string;
  readonly displayName: string;
  readonly distributorId: Types.ObjectId;
  readonly resellerId: Types.ObjectId | null;
  readonly customerId: Types.ObjectId | null;
  /** A storefront user's role inside its company (null for staff). */
  readonly companyRole: CompanyRole | null;
  /**
   * Set when staff look at a storefront as this user: the staff member, and until when. Such a
   * principal reads as the user and writes nothing (mount-routes.ts, policy.ts).
   */
  readonly viewedBy?: ViewedBy | null;
}

export interface ViewedBy {
  readonly staff: Principal;
  readonly startedAt: Date;
  readonly expiresAt: Date;
}

interface AccountFields {
  _id: Types.ObjectId;
  role: Role;
  email: string;
  firstName: string;
  lastName: string;
  distributorId: Types.ObjectId;
  resellerId?: Types.ObjectId | null;
  customerId?: Types.ObjectId | null;
  companyRole?: string | null;
}

export function principalFromAccount(user: AccountFields, sessionId: string): Principal {
  return Object.freeze({
    userId: user._id,
    sessionId,
    role: user.role,
    email: user.email,
    displayName: `${user.firstName} ${user.lastName}`,
    distributorId: user.distributorId,
    resellerId: user.resellerId ?? null,
    customerId: user.customerId ?? null,
    // Storefront users added before company roles could do everything: they are their company's admins.
    companyRole: user.role === 'storefront' ? ((user.companyRole as CompanyRole | null | undefined) ?? 'admin') : null,
  });
}
