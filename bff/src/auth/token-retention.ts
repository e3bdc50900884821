import { AccountToken } from './account-token.model.js';

/**
 * How long a used or expired link is kept after it stopped working: long enough for someone who
 * opens an old email to be told the link was used or has expired, rather than that it is unknown.
 */
export const SPENT_TOKEN_RETENTION_DAYS = 30;

/** Deletes links spent or expired more than the retention ago (FerretDB has no TTL indexes). */
export async function purgeSpentAccountTokens(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - SPENT_TOKEN_RETENTION_DAYS * 86_400_000);
  const result = await AccountToken.deleteMany({ $or: [{ usedAt: { $lt: before } }, { expiresAt: { $lt: before } }] });
  return result.deletedCount;
}
