import type { Config } from '../config.js';

/** How the queue paces itself. */
export interface DeliveryTiming {
  /** The wait after the first failed attempt; each further failure doubles it… */
  firstRetryMs: number;
  /** …up to this. */
  maxRetryMs: number;
  /** From the first attempt until the message is given up (kept as `failed`, sendable again by staff). */
  giveUpAfterMs: number;
  /** How long a claim holds: a process that dies mid-send frees its message after this. Longer than a send may take. */
  leaseMs: number;
  /** How often a started courier looks for due messages (retries, messages other processes queued). */
  pollMs: number;
}

/** From the configuration (DELIVERY_*; defaults in config.ts). */
export const deliveryTimingOf = (c: Pick<Config, 'DELIVERY_FIRST_RETRY_MS' | 'DELIVERY_MAX_RETRY_MS' | 'DELIVERY_GIVE_UP_MS' | 'DELIVERY_LEASE_MS' | 'DELIVERY_POLL_MS'>): DeliveryTiming => ({
  firstRetryMs: c.DELIVERY_FIRST_RETRY_MS,
  maxRetryMs: c.DELIVERY_MAX_RETRY_MS,
  giveUpAfterMs: c.DELIVERY_GIVE_UP_MS,
  leaseMs: c.DELIVERY_LEASE_MS,
  pollMs: c.DELIVERY_POLL_MS,
});

/** The wait before attempt `attempts + 1`, after `attempts` failed ones: 30 s, 1 min, 2 min, … 1 h. */
export function retryDelayMs(timing: DeliveryTiming, attempts: number): number {
  return Math.min(timing.maxRetryMs, timing.firstRetryMs * 2 ** Math.max(0, attempts - 1));
}
