import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_REPLAY_WINDOW_SECONDS } from '@app/shared';

/*
 * The signature of a delivery (README, "Webhooks"): HMAC-SHA256 under the endpoint's secret over
 * `<timestamp>.<body>`, hex, sent as `Webhook-Signature: v1=<hex>` with `Webhook-Timestamp:
 * <unix seconds>`. The timestamp is signed, so a receiver that refuses one outside its replay
 * window refuses an old delivery played back; the Webhook-Id header lets it drop a repeat.
 */

/** A new endpoint's secret: 32 random bytes, with a prefix that says what it is when found in a config file. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The receiver's side, as the README's snippet does it: the tests verify deliveries with this. */
export function verifyWebhook(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, now = Date.now()): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > WEBHOOK_REPLAY_WINDOW_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
