import { OutboxMessage } from './outbox.model.js';

/** The development mailbox keeps a week of mail: enough to follow a link, not a growing archive. */
export const OUTBOX_RETENTION_DAYS = 7;

export async function purgeOldOutboxMail(now = new Date()): Promise<number> {
  const result = await OutboxMessage.deleteMany({ createdAt: { $lt: new Date(now.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000) } });
  return result.deletedCount;
}
