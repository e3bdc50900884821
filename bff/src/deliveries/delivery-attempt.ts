import type { Logger } from 'pino';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import type { ClaimedDelivery } from './delivery-claim.js';
import { Delivery } from './delivery.model.js';
import { retryDelayMs, type DeliveryTiming } from './delivery-timing.js';

/**
 * Hands one claimed message to its receiver; resolves once accepted, rejects when not. A receiver's
 * answer code (a webhook's HTTP status) goes in the attempt's log line: resolved with it, or as the
 * error's `status`. An error with `permanent: true` is not retried.
 */
export type DeliveryTransport = (delivery: ClaimedDelivery) => Promise<void | { status?: number }>;

const why = 'deliveries: recording an attempt';

/** A refusal that no retry will change (an SMTP 5xx: no such mailbox, message refused). */
function isPermanent(err: unknown): boolean {
  if ((err as { permanent?: unknown } | null)?.permanent === true) return true;
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

const statusOf = (v: unknown) => {
  const status = (v as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'number' ? status : null;
};

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

export type AttemptOutcome = 'sent' | 'retry' | 'failed';

/**
 * Sends a claimed message and records how it went: `sent`; or back to `waiting` with the next
 * attempt after the back-off (never later than its give-up time, so the last try falls there);
 * or `failed` once the give-up time has passed or the receiver refused for good. Each record is
 * conditional on this claim (attempt number and owner): a claimer whose lease ran out and whose
 * message was claimed again records nothing over the newer claim.
 */
export async function attemptDelivery(transport: DeliveryTransport, d: ClaimedDelivery, timing: DeliveryTiming, log: Logger): Promise<AttemptOutcome> {
  const mine = { _id: d._id, attempts: d.attempts, leaseOwner: d.leaseOwner };
  const details = { deliveryId: d._id.toHexString(), topic: d.topic, attempt: d.attempts };
  const started = Date.now();
  const line = (ok: boolean, status: number | null, error: string | null) => ({ $push: { attemptLog: { attempt: d.attempts, at: new Date(started), ok, status, error, ms: Date.now() - started } } });
  let answer: void | { status?: number };
  try {
    answer = await transport(d);
  } catch (err) {
    const now = new Date();
    const logged = line(false, statusOf(err), describe(err));
    if (isPermanent(err) || now >= d.giveUpAt) {
      await unsafeUnscoped(Delivery.updateOne(mine, { $set: { state: 'failed', failedAt: now, lastError: describe(err), leaseOwner: null, leaseUntil: null }, ...logged }), why);
      log.error({ err, ...details }, 'message not delivered: given up (kept as failed; staff can send it again)');
      return 'failed';
    }
    const next = new Date(Math.min(now.getTime() + retryDelayMs(timing, d.attempts), d.giveUpAt.getTime()));
    await unsafeUnscoped(Delivery.updateOne(mine, { $set: { state: 'waiting', nextAttemptAt: next, lastError: describe(err), leaseOwner: null, leaseUntil: null }, ...logged }), why);
    log.warn({ err, ...details, nextAttemptAt: next.toISOString() }, 'message not delivered: will retry');
    return 'retry';
  }
  // A message carrying a sign-in link keeps no copy of it once delivered.
  const body = d.sensitive ? { 'mail.text': null, 'mail.html': null } : {};
  await unsafeUnscoped(Delivery.updateOne(mine, { $set: { state: 'sent', sentAt: new Date(), lastError: null, leaseOwner: null, leaseUntil: null, ...body }, ...line(true, statusOf(answer), null) }), why);
  log.info(details, 'message delivered');
  return 'sent';
}
