import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { queueDeliveries, withDeliveries } from '../deliveries/delivery-outbox.js';
import type { OutgoingMessage } from '../deliveries/outgoing-message.js';
import { AccountToken } from './account-token.model.js';

export type TokenPurpose = 'activation' | 'reset';
export const TOKEN_TTL_HOURS: Record<TokenPurpose, number> = { activation: 72, reset: 1 };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A new link token for the user; any earlier unused token of the same purpose stops working, so
 * only the latest email's link is valid.
 */
export async function issueAccountToken(userId: Types.ObjectId, purpose: TokenPurpose, now = new Date()): Promise<string> {
  return (await issueToken(userId, purpose, now, () => [])).token;
}

/**
 * A new link token and the email that carries it, stored in one write (the message rides in the
 * token's outbox), then moved to the delivery queue: a stored link is always emailed. Answers the
 * queued messages' ids (none when the move must wait for the start-up sweep).
 */
export async function issueAccountLink(userId: Types.ObjectId, purpose: TokenPurpose, compose: (token: string) => OutgoingMessage): Promise<Types.ObjectId[]> {
  const { id, messages } = await issueToken(userId, purpose, new Date(), (token) => [compose(token)]);
  return queueDeliveries(AccountToken, { _id: id, pendingDeliveries: messages }, { announce: false });
}

async function issueToken(userId: Types.ObjectId, purpose: TokenPurpose, now: Date, compose: (token: string) => OutgoingMessage[]) {
  await AccountToken.updateMany({ userId, purpose, usedAt: null }, { $set: { usedAt: now } });
  const token = randomBytes(32).toString('base64url');
  const messages = compose(token);
  await AccountToken.create({
    _id: hashOf(token),
    userId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_TTL_HOURS[purpose] * 3600_000),
    ...withDeliveries(messages),
  });
  return { token, id: hashOf(token), messages };
}

/** Uses the token up (atomically: of two concurrent uses exactly one wins) and names its user, or null. */
export async function redeemAccountToken(token: string, purpose: TokenPurpose, now = new Date()): Promise<Types.ObjectId | null> {
  const doc = await AccountToken.findOneAndUpdate(
    { _id: hashOf(token), purpose, usedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean();
  return doc?.userId ?? null;
}

/** The user of a token that would still work now (unused, unexpired), without using it up; or null. */
export async function peekAccountToken(token: string, purpose: TokenPurpose, now = new Date()): Promise<Types.ObjectId | null> {
  const doc = await AccountToken.findOne({ _id: hashOf(token), purpose, usedAt: null, expiresAt: { $gt: now } }, { userId: 1 }).lean();
  return doc?.userId ?? null;
}

/** Revokes every open link of a user (deactivation). */
export async function revokeAccountTokens(userId: Types.ObjectId, now = new Date()): Promise<void> {
  await AccountToken.updateMany({ userId, usedAt: null }, { $set: { usedAt: now } });
}
