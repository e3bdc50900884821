import type { Server } from 'node:http';
import { createApp } from './app.js';
import { createLoginRateLimiter } from './auth/login-rate-limit.js';
import { createResetMailLimiter, whenResetMailsSettled } from './auth/password-setup.service.js';
import { loadSessionSecret } from './auth/session-secret.js';
import { ConfigError, loadConfig } from './config.js';
import './models.js'; // registers every model with the database layer
import { openDatabase } from './db/open-database.js';
import { isDatabaseEmpty, loadDemoData } from './seed/load.js';
import { scheduleHousekeeping } from './housekeeping.js';
import { loadSsoKeys } from './sso/sso-keys.js';
import { recoverUnfinishedChanges } from './startup-recovery.js';
import { reconcileUncountedFigures } from './overview/figure-reconciliation.js';
import { migrateToPriceLevels } from './price-levels/price-level-migration.js';
import { backfillResellerFields } from './reseller-management/reseller-backfill.js';
import { createMailer } from './mail/mailer.js';
import { createMailCourier } from './deliveries/courier.js';
import { webhookTransportOf } from './webhooks/webhook-transport.js';
import { scheduleQueueReport } from './deliveries/delivery-report.js';
import { scheduleStrandedSweep } from './deliveries/delivery-outbox.js';
import { createLogger } from './logger.js';

async function main() {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const db = await openDatabase(config, (line, level = 'info') => logger[level](line));

  if (db.embedded && (await isDatabaseEmpty())) {
    logger.info('First start of the embedded database: loading the demo data set…');
    logger.info({ summary: await loadDemoData() }, 'Demo data loaded');
  }

  const backfilled = await backfillResellerFields();
  if (backfilled > 0) logger.info(`Gave ${backfilled} reseller(s) their sort and search keys`);

  const priced = await migrateToPriceLevels();
  if (priced.levels + priced.customers > 0) logger.info(`Price levels: ${priced.levels} default level(s) made from resellers' markups, ${priced.customers} customer(s) marked`);

  // What TTL indexes would do on MongoDB (FerretDB has none), and the embedded database's indexes.
  scheduleHousekeeping(db.embedded?.postgresUrl ?? null, (err) => logger.warn({ err }, 'housekeeping failed; it runs again in ten minutes'), {
    monthlyInvoices: config.MONTHLY_INVOICES === 'on',
  });

  // Delivers the outgoing messages queue: this process's share of it, until the stop.
  const courier = createMailCourier(createMailer(config, logger), config, logger, { webhook: webhookTransportOf(config) });
  const app = createApp({
    config,
    logger,
    sessionKey: await loadSessionSecret(config),
    loginLimiter: createLoginRateLimiter(),
    resetMailLimiter: createResetMailLimiter(),
    ssoKeys: await loadSsoKeys(config),
    courier,
  });
  const server: Server = app.listen(config.PORT, config.HOST, () => {
    logger.info(`Storefront Admin ready at http://localhost:${config.PORT} (${Date.now() - startedAt} ms)`);
    // Finishes what a crash left half-done (audit events waiting in outboxes). In the background:
    // on FerretDB it reads every customer and user (2.5 s for 20k customers here), and moving an
    // event is safe alongside requests that move the same one.
    // Then figures never counted (data from before they were kept) are counted once.
    recoverUnfinishedChanges()
      .then(({ auditEvents, messages }) => {
        if (auditEvents > 0) logger.warn(`Moved ${auditEvents} waiting audit event(s) to the audit log`);
        if (messages > 0) logger.warn(`Queued ${messages} message(s) left in outboxes`);
        return reconcileUncountedFigures();
      })
      .then(
        (report) => report && logger.info({ report }, 'Counted the figures of data stored before they were kept'),
        (err: unknown) => logger.error({ err }, 'start-up recovery failed; it runs again at the next start'),
      );
    // Messages waiting from before (retries, a stop, a crash) resume now; the queue's state goes to the log.
    courier.start();
    scheduleQueueReport(logger);
    // Messages a request left in an outbox (a failed move) join the queue within minutes, not at the next start.
    scheduleStrandedSweep(logger);
  });
  server.on('error', async (err) => {
    logger.fatal({ err }, 'HTTP server failed');
    await db.close();
    process.exit(1);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing requests in flight, then stopping`);
    server.close(async () => {
      await whenResetMailsSettled(); // reset requests answered but not yet mailed
      // Attempts in flight finish (a stalled mail server holds the stop 10 s at most; its messages'
      // leases then run out and the next start, or another process, sends them); waiting ones stay queued.
      const inFlight = courier.stop();
      await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      await db.close();
      logger.info('Stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Could not start:', err);
  }
  process.exit(1);
});
