import { Types } from 'mongoose';
import type { ResellerStaffUser, UserState } from '@app/shared';
import { recordAudit } from '../audit/audit.service.js';
import { sendAccountLink, type MailContext } from '../auth/link-mail.js';
import { Distributor } from '../distributors/distributor.model.js';
import { conflict, notFound } from '../errors/app-error.js';
import { staffWelcomeMessage } from '../mail/templates.js';
import { staffUserPolicy } from '../policies/staff-user.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Actor } from '../tenancy/actor.js';
import type { Principal } from '../tenancy/principal.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';

interface StoredStaff {
  _id: Types.ObjectId;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId;
  firstName: string;
  lastName: string;
  email: string;
  language: string;
  state: UserState;
  lastSignInAt?: Date | null;
  createdAt: Date;
}

const STAFF_FIELDS = { distributorId: 1, resellerId: 1, firstName: 1, lastName: 1, email: 1, language: 1, state: 1, lastSignInAt: 1, createdAt: 1 } as const;

export function presentStaffUser(u: StoredStaff, principal: Principal): ResellerStaffUser {
  return {
    id: u._id.toHexString(),
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    state: u.state,
    lastSignInAt: u.lastSignInAt ? u.lastSignInAt.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
    abilities: staffUserPolicy.abilities(principal, u, { resendActivation: 'staffUser.resendActivation' }),
  };
}

/** The staff accounts of one reseller of the caller's, by name; 404 for a reseller it does not see. */
export async function listResellerStaff(actor: Actor, resellerId: string): Promise<StoredStaff[]> {
  staffUserPolicy.authorize(actor.principal, 'staffUser.list', undefined, () => notFound('The reseller'));
  if (!Types.ObjectId.isValid(resellerId)) throw notFound('The reseller');
  const reseller = await scoped(Reseller.findById(resellerId, { _id: 1 }), actor.scope).lean();
  if (!reseller) throw notFound('The reseller');
  return (await scoped(User.find({ resellerId: reseller._id, role: 'reseller' }, STAFF_FIELDS).sort({ lastName: 1, firstName: 1, _id: 1 }), actor.scope).lean()) as StoredStaff[];
}

async function findStaffUser(scope: Scope, id: string): Promise<StoredStaff> {
  if (!Types.ObjectId.isValid(id)) throw notFound('The staff user');
  const user = (await scoped(User.findOne({ _id: id, role: 'reseller' }, STAFF_FIELDS), scope).lean()) as StoredStaff | null;
  if (!user) throw notFound('The staff user');
  return user;
}

/** Emails a fresh activation link (the previous one stops working) to a staff user still waiting for one. */
export async function resendStaffActivation(actor: Actor, ctx: MailContext, id: string): Promise<{ user: StoredStaff; emailSent: boolean }> {
  const user = await findStaffUser(actor.scope, id);
  staffUserPolicy.authorize(actor.principal, 'staffUser.resendActivation', user, () => conflict('Only a staff user waiting for activation can be sent a new activation link.'));
  const [reseller, distributor] = await Promise.all([
    scoped(Reseller.findById(user.resellerId, { name: 1 }), actor.scope).lean(),
    scoped(Distributor.findById(actor.principal.distributorId, { name: 1 }), actor.scope).lean(),
  ]);
  const emailSent = await sendAccountLink(ctx, user, 'activation', ({ link, hours }) =>
    staffWelcomeMessage({ to: user.email, name: user.firstName, reseller: reseller?.name ?? '', distributor: distributor?.name ?? 'Your distributor', language: user.language, link, hours }),
  );
  await recordAudit(actor, {
    action: 'staff_user.activation_resent',
    target: { type: 'user', id: user._id, label: `${user.firstName} ${user.lastName}` },
    resellerId: user.resellerId,
    customerId: null,
  });
  return { user, emailSent };
}
