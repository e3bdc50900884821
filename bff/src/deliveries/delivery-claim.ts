import type { Types } from 'mongoose';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { Delivery, DeliveryClaim, type DeliveryDoc } from './delivery.model.js';
import type { DeliveryTiming } from './delivery-timing.js';

/*
 * Claiming a message to send it. Every process's courier runs over the whole queue, so the claim
 * decides who sends: attempt n of a message belongs to whoever inserts the claim document
 * `<id>:<n>` (a unique _id, which holds on MongoDB and on FerretDB across processes alike); the
 * winner then marks the message `sending` under its lease with a conditional update on the
 * attempt count it read. A claim inserted by a process that died before that update is skipped
 * once its lease would have run out, so a message is never stuck behind it.
 */

export type ClaimedDelivery = DeliveryDoc & { attempts: number; giveUpAt: Date };

const why = 'deliveries: the queue is worked for every tenant';

/** Whether `d` may be claimed at `now`: due and waiting, or sending under a lease that has run out. */
export const isClaimable = (d: Pick<DeliveryDoc, 'state' | 'nextAttemptAt' | 'leaseUntil'>, now: Date) =>
  (d.state === 'waiting' && d.nextAttemptAt <= now) || (d.state === 'sending' && d.leaseUntil !== null && d.leaseUntil < now);

/** Tries to claim the message as read in `seen`: the claimed message, or null when another claim won. */
export async function claimDelivery(seen: DeliveryDoc, owner: string, timing: DeliveryTiming, now = new Date()): Promise<ClaimedDelivery | null> {
  if (!isClaimable(seen, now)) return null;
  const attempt = seen.attempts + 1;
  const claimId = `${seen._id.toHexString()}:${attempt}`;
  try {
    await new DeliveryClaim({ _id: claimId, owner, at: now }).save();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await skipDeadClaim(seen, claimId, timing, now);
    return null;
  }
  return (await unsafeUnscoped(
    Delivery.findOneAndUpdate(
      { _id: seen._id, state: seen.state, attempts: seen.attempts },
      {
        $set: {
          state: 'sending',
          attempts: attempt,
          leaseOwner: owner,
          leaseUntil: new Date(now.getTime() + timing.leaseMs),
          giveUpAt: seen.giveUpAt ?? new Date(now.getTime() + timing.giveUpAfterMs),
        },
      },
      { returnDocument: 'after' },
    ),
    why,
  ).lean()) as ClaimedDelivery | null;
}

/**
 * The claim `<id>:<n>` exists but the message still shows n - 1 attempts: its claimer has not
 * marked it yet, or died before it could. Once that claim is older than a lease, the attempt
 * number is passed over (setting the same count twice is harmless), and the next claim is n + 1.
 */
async function skipDeadClaim(seen: DeliveryDoc, claimId: string, timing: DeliveryTiming, now: Date): Promise<void> {
  const claim = await DeliveryClaim.findById(claimId).lean();
  if (!claim || claim.at.getTime() + timing.leaseMs > now.getTime()) return;
  await unsafeUnscoped(Delivery.updateOne({ _id: seen._id, state: seen.state, attempts: seen.attempts }, { $set: { attempts: seen.attempts + 1 } }), why);
}

/** Up to `limit` messages that may be claimed now, the longest-waiting first. */
export async function dueDeliveries(now: Date, limit: number): Promise<DeliveryDoc[]> {
  const waiting = await unsafeUnscoped(Delivery.find({ state: 'waiting', nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit), why).lean();
  const abandoned = await unsafeUnscoped(Delivery.find({ state: 'sending', leaseUntil: { $lt: now } }).sort({ leaseUntil: 1 }).limit(limit), why).lean();
  return [...abandoned, ...waiting] as DeliveryDoc[];
}

/** One message by id, as the queue holds it now. */
export async function readDelivery(id: Types.ObjectId): Promise<DeliveryDoc | null> {
  return (await unsafeUnscoped(Delivery.findById(id), why).lean()) as DeliveryDoc | null;
}
