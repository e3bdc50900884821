/**
 * `pnpm --filter @app/bff figures:reconcile`: recounts every distributor's figures and repairs
 * those that differ (overview/figure-reconciliation.ts), printing what it found. On the embedded
 * database stop the app first (one process per database); on MongoDB it may run beside the app.
 */
import { ConfigError, loadConfig } from '../config.js';
import '../models.js'; // registers every model with the database layer
import { openDatabase } from '../db/open-database.js';
import '../change-follow-ups.js';
import { reconcileFigures } from '../overview/figure-reconciliation.js';

async function main() {
  const db = await openDatabase(loadConfig(), (line) => console.error(line));
  try {
    const report = await reconcileFigures();
    console.log(JSON.stringify(report));
    if (report.busy > 0) console.error(`${report.busy} figure document(s) changed during the recount and were left alone; run it again.`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
