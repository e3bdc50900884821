import mongoose from 'mongoose';
import { purgeExpiredRateLimits } from './auth/rate-limit-store.js';
import { purgeExpiredSessions } from './auth/sessions.js';
import { purgeSpentAccountTokens } from './auth/token-retention.js';
import { endLapsedViewAs } from './auth/view-as-session.js';
import { ensurePostgresIndexes } from './db/postgres-indexes.js';
import { purgeDeliveryRecords } from './deliveries/delivery-retention.js';
import { issueMonthlyInvoices } from './invoices/monthly-invoices.js';
import { purgeOldOutboxMail } from './mail/outbox-retention.js';

/**
 * Periodic upkeep that a TTL index would do on MongoDB and that FerretDB lacks: expired sessions,
 * sign-in throttling counters past their window, spent links, old development mail, delivered
 * messages' records after a month and spent delivery claims are deleted, so those collections do not grow without
 * bound; and on the embedded database the equality indexes are checked again, which finds a
 * collection dropped and made again (postgres-indexes.ts). It also issues the monthly subscription
 * invoices of finished months not yet invoiced (invoices/monthly-invoices.ts), once per customer and month.
 */
export interface HousekeepingResult {
  viewAs: number;
  sessions: number;
  rateLimits: number;
  tokens: number;
  mail: number;
  deliveries: number;
  indexes: number;
  /** Monthly subscription invoices issued (or finished after a crash) for finished months. */
  monthlyInvoices: number;
}

export async function runHousekeeping(opts: { postgresUrl?: string | null; now?: Date; monthlyInvoices?: boolean } = {}): Promise<HousekeepingResult> {
  const now = opts.now ?? new Date();
  return {
    // Before the sessions go: a look that lapsed unseen gets its audited end first.
    viewAs: await endLapsedViewAs(now),
    sessions: await purgeExpiredSessions(now),
    rateLimits: await purgeExpiredRateLimits(now),
    tokens: await purgeSpentAccountTokens(now),
    mail: await purgeOldOutboxMail(now),
    deliveries: await purgeDeliveryRecords(now),
    indexes: opts.postgresUrl ? await ensurePostgresIndexes(opts.postgresUrl, mongoose.connection.name) : 0,
    monthlyInvoices: opts.monthlyInvoices === false ? 0 : await issueMonthlyInvoices(now),
  };
}

export const HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;

/** Runs now and then every ten minutes; a failed round is reported and the next one tries again. */
export function scheduleHousekeeping(postgresUrl: string | null, report: (err: unknown) => void, opts: { monthlyInvoices?: boolean } = {}): () => void {
  const round = () => runHousekeeping({ postgresUrl, ...opts }).catch(report);
  void round();
  const timer = setInterval(round, HOUSEKEEPING_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
