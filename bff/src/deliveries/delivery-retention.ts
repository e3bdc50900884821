import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { Delivery, DeliveryClaim } from './delivery.model.js';

/** A delivered message's record is kept a month (what was sent to whom, when); failed ones until sent again. */
export const SENT_RETENTION_DAYS = 30;
/** Claims decide only the attempt after a message's last one; a day-old claim decides nothing any more. */
const CLAIM_RETENTION_MS = 86_400_000;

/** Housekeeping: old claims and delivered messages' records. Answers how many documents went. */
export async function purgeDeliveryRecords(now = new Date()): Promise<number> {
  const claims = await DeliveryClaim.deleteMany({ at: { $lt: new Date(now.getTime() - CLAIM_RETENTION_MS) } });
  const sent = await unsafeUnscoped(
    Delivery.deleteMany({ state: 'sent', sentAt: { $lt: new Date(now.getTime() - SENT_RETENTION_DAYS * 86_400_000) } }),
    'housekeeping: delivered messages past their retention, across every tenant',
  );
  return claims.deletedCount + sent.deletedCount;
}
