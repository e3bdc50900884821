// `pnpm seed [--customers N --orders M --reseller cash]`: reloads the demo data set, optionally
// with a large data set on one reseller for benchmarks. Stop the app first when it uses the
// embedded database: both would open the same files.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import mongoose from 'mongoose';
import '../models.js'; // registers every model with the database layer
import { openDatabase } from '../db/open-database.js';
import { withPostgresIndexesDeferred } from '../db/postgres-indexes.js';
import { BULK_COLLECTIONS, seedBulk } from './bulk.js';
import { loadDemoData } from './load.js';
import { reconcileFigures } from '../overview/figure-reconciliation.js';

async function main() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '0' },
      orders: { type: 'string', default: '0' },
      reseller: { type: 'string', default: 'cash' },
    },
  });
  const customers = Number(values.customers);
  const orders = Number(values.orders);
  if (!Number.isInteger(customers) || customers < 0 || !Number.isInteger(orders) || orders < 0) {
    throw new ConfigError('--customers and --orders take whole numbers, e.g. pnpm seed --customers 100000 --orders 1000000');
  }
  const config = loadConfig();
  const db = await openDatabase(config, (line) => console.error(line));
  const started = Date.now();
  try {
    const summary = await loadDemoData();
    console.error(`Demo data loaded: ${JSON.stringify(summary)}`);
    if (customers > 0 || orders > 0) {
      const isTty = process.stderr.isTTY;
      const bulk = await withPostgresIndexesDeferred(db.embedded?.postgresUrl, mongoose.connection.name, BULK_COLLECTIONS, () =>
        seedBulk({
          customers,
          orders,
          resellerKey: values.reseller,
          onProgress: (line) => (isTty ? process.stderr.write(`\r${line}   `) : console.error(line)),
        }),
      );
      if (isTty) process.stderr.write('\n');
      console.error(`Bulk data added to reseller "${values.reseller}": ${JSON.stringify(bulk)}`);
      // Bulk inserts carry no figure deltas: the kept figures are counted once, with the indexes in place.
      console.error(`Figures counted: ${JSON.stringify(await reconcileFigures())}`);
    }
    console.error(`Seeding took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
