import { Types } from 'mongoose';
import { DEFAULT_OVERDUE_APPROVAL_DAYS, type CreditSettings, type UpdateCreditSettings } from '@app/shared';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { conflict, forbidden, notFound } from '../errors/app-error.js';
import { creditSettingsPolicy } from '../policies/credit-settings.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';

type StoredReseller = { _id: Types.ObjectId; name: string; revision: number; overdueApprovalDays?: number | null };

/** The reseller inside the caller's scope (its own staff: only their own; the distributor: any of its), or 404. */
async function resellerInScope(actor: Actor, id: string): Promise<StoredReseller> {
  if (!Types.ObjectId.isValid(id)) throw notFound('The reseller');
  const reseller = await scoped(Reseller.findById(new Types.ObjectId(id), { name: 1, revision: 1, overdueApprovalDays: 1 }), actor.scope).lean<StoredReseller>();
  if (!reseller) throw notFound('The reseller');
  return reseller;
}

const present = (actor: Actor, r: StoredReseller): CreditSettings => ({
  resellerId: r._id.toHexString(),
  overdueApprovalDays: r.overdueApprovalDays ?? DEFAULT_OVERDUE_APPROVAL_DAYS,
  revision: r.revision,
  abilities: { edit: creditSettingsPolicy.can(actor.principal, 'creditSettings.edit') },
});

export async function getCreditSettings(actor: Actor, resellerId: string): Promise<CreditSettings> {
  creditSettingsPolicy.authorize(actor.principal, 'creditSettings.read', undefined, forbidden);
  return present(actor, await resellerInScope(actor, resellerId));
}

const stale = () => conflict('The credit settings were changed by someone else since you opened them. Reload to see the latest version.', 'stale');

/**
 * Sets after how many overdue days the customers' orders wait for approval: one conditional write
 * on the revision the edit was made on, the audit event (before → after) in the same write, so of
 * racing editors one lands and the others get 409 and change nothing.
 */
export async function updateCreditSettings(actor: Actor, resellerId: string, input: UpdateCreditSettings): Promise<CreditSettings> {
  creditSettingsPolicy.authorize(actor.principal, 'creditSettings.edit', undefined, forbidden);
  const before = await resellerInScope(actor, resellerId);
  if (before.revision !== input.revision) throw stale();
  const from = before.overdueApprovalDays ?? DEFAULT_OVERDUE_APPROVAL_DAYS;
  if (from === input.overdueApprovalDays) return present(actor, before);
  const event = auditEventFor(actor, {
    action: 'reseller.credit_settings_changed',
    target: { type: 'reseller', id: before._id, label: before.name },
    resellerId: before._id,
    customerId: null,
    changes: { overdueApprovalDays: { from, to: input.overdueApprovalDays } },
  });
  const updated = await scoped(
    Reseller.findOneAndUpdate({ _id: before._id, revision: input.revision }, { $set: { overdueApprovalDays: input.overdueApprovalDays }, $inc: { revision: 1 }, ...pushAudit(event) }, { returnDocument: 'after' }),
    actor.scope,
  ).lean<StoredReseller>();
  if (!updated) throw stale();
  await settleAudit(actor, Reseller, updated as never);
  return present(actor, updated);
}
