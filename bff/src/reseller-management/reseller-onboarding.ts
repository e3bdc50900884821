import { Types } from 'mongoose';
import type { CreateReseller } from '@app/shared';
import { settleAudit, withCreationAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { sendAccountLink, type MailContext } from '../auth/link-mail.js';
import { Distributor } from '../distributors/distributor.model.js';
import { forbidden, validationFailed } from '../errors/app-error.js';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { staffWelcomeMessage } from '../mail/templates.js';
import { resellerPolicy } from '../policies/reseller.js';
import { ensureDefaultPriceLevel } from '../price-levels/price-level-migration.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import { resellerDerivedFields } from './reseller-keys.js';
import { getReseller } from './reseller.service.js';

const DUPLICATE_STAFF_EMAIL = 'This email already has a staff account.';

/**
 * Onboards a reseller: the reseller, then its first staff user (pending activation), who is
 * emailed an activation link through the same link machinery as storefront users. Each document
 * carries its own creation event. Without transactions the two inserts are not one write: should
 * the user be refused (its email is taken, decided by the unique index also under a race), the
 * new reseller is removed again before anything else could have pointed at it.
 */
export async function onboardReseller(actor: Actor, ctx: MailContext, input: CreateReseller) {
  const { principal, scope } = actor;
  resellerPolicy.authorize(principal, 'reseller.create', undefined, forbidden);
  const { staff, ...fields } = input;
  const resellerId = new Types.ObjectId();
  const userId = new Types.ObjectId();
  const resellerEvent = auditEventFor(actor, { action: 'reseller.created', target: { type: 'reseller', id: resellerId }, resellerId, customerId: null });
  const userEvent = auditEventFor(actor, { action: 'staff_user.created', target: { type: 'user', id: userId }, resellerId, customerId: null });

  const reseller = scopedDoc(
    new Reseller({ _id: resellerId, ...withCreationAudit(resellerEvent), ...fields, ...resellerDerivedFields(fields), distributorId: principal.distributorId, status: 'active' }),
    scope,
  );
  await reseller.save();
  const user = scopedDoc(
    new User({
      _id: userId,
      ...withCreationAudit(userEvent),
      ...staff,
      loginRealm: 'staff',
      role: 'reseller',
      distributorId: principal.distributorId,
      resellerId,
      customerId: null,
      state: 'pending_activation',
      passwordHash: null,
    }),
    scope,
  );
  try {
    await user.save();
  } catch (err) {
    await scoped(Reseller.deleteOne({ _id: resellerId }), scope);
    if (isDuplicateKey(err)) throw validationFailed({ 'staff.email': DUPLICATE_STAFF_EMAIL }, DUPLICATE_STAFF_EMAIL);
    throw err;
  }
  // Its customers are priced by its default level, made from the markup given here.
  await ensureDefaultPriceLevel({ _id: resellerId, distributorId: principal.distributorId, markupPercent: fields.markupPercent });
  await settleAudit(actor, Reseller, { _id: resellerId, ...withCreationAudit(resellerEvent) });
  await settleAudit(actor, User, { _id: userId, ...withCreationAudit(userEvent) });

  const distributor = await scoped(Distributor.findById(principal.distributorId, { name: 1 }), scope).lean();
  const emailSent = await sendAccountLink(ctx, user, 'activation', ({ link, hours }) =>
    staffWelcomeMessage({ to: user.email, name: user.firstName, reseller: fields.name, distributor: distributor?.name ?? 'Your distributor', language: user.language, link, hours }),
  );
  return { ...(await getReseller(scope, resellerId.toHexString())), emailSent };
}
