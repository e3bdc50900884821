// Run after the whole suite (`pnpm test:unit`, second step): the shapes of every query the
// application sent during the run, each served by a declared index (query-shapes.ts).
import path from 'node:path';
import { expect, it } from 'vitest';
import { allModels } from '../models.js';
import { checkQueryShapes } from './query-shapes-check.js';
import { readReadFallbacks, readReadMismatches } from './read-fallbacks.js';

const dir = path.resolve(import.meta.dirname, '../../../.tmp/query-shapes');

it('every query shape the test suite sent is served by a declared index (tenant key first, then the sort)', async () => {
  const { shapes, unserved } = await checkQueryShapes(dir);
  expect(shapes, 'no query shapes recorded: run the whole suite first (pnpm test:unit)').toBeGreaterThan(50);
  expect(unserved, 'declare an index in the model (what MongoDB uses in production), or change the query').toEqual([]);
});

/** Reads of application collections that FerretDB answers on purpose, each with its reason. */
const CASELESS = 'a $regex with options other than m and s (PCRE’s caseless matching is not PostgreSQL’s)';
/** A case-insensitive search of what a person typed: FerretDB answers (a stored lower-case key, as customers have, would bring it into SQL). */
const caselessSearch = (collection: string, where: string) =>
  Object.fromEntries(['find', 'countDocuments'].map((op) => [`${collection} ${op}: ${CASELESS}`, `${where}: PCRE folds case otherwise than PostgreSQL`]));

const FALLBACKS_BY_DESIGN: Record<string, string> = {
  ...caselessSearch('products', 'catalogue search (orders/catalogue.ts)'),
  ...caselessSearch('auditevents', 'audit log actor search (audit-log/audit-event-list.ts)'),
  ...caselessSearch('users', 'storefront users search (storefront-users/storefront-user.service.ts)'),
  ...Object.fromEntries(
    ['find', 'countDocuments'].map((op) => [
      `customers ${op}: a condition on priceLevelIds, which is not one scalar`,
      'customers grid filtered by price level (customers/customer-list.ts): an array, matched element by element in MongoDB',
    ]),
  ),
  ...Object.fromEntries(
    ['accounttokens', 'customers', 'invoices', 'orders', 'webhookendpoints'].map((collection) => [
      `${collection} find: a condition on pendingDeliveries.createdAt, which is not one scalar`,
      'the running sweep of messages stranded in outboxes (deliveries/delivery-outbox.ts), every five minutes: a system job, not a request',
    ]),
  ),
  'deliveries find: a condition on mail.subject, which is not one scalar':
    'tests find an order’s emails by the number in their subject themselves (orders/order-notifications.test.ts, orders/company-approval.test.ts, deliveries/delivery-processes.test.ts): mail is a subdocument now, absent on webhook calls',
  'deliveries countDocuments: a condition on mail.subject, which is not one scalar': 'invoices/invoice-documents.test.ts counts a document’s emails by its number itself',
  'deliveries find: a condition on mail.to, which is not one scalar': 'auth/forgot-password.test.ts finds the kept reset email by its address itself',
  'deliveries find: a condition on webhook.endpointId, which is not one scalar': 'an endpoint’s delivery log (webhooks/webhook.service.ts): at most 50 rows of one endpoint, by an index',
  'deliveries countDocuments: a condition on webhook.endpointId, which is not one scalar': 'webhooks/webhook-delivery.test.ts counts an endpoint’s calls itself',
  'deliveries find: a condition on webhook.body, which is not one scalar': 'webhooks/webhook-delivery.test.ts finds an order’s calls by its number itself',
  'deliveries find: a condition on webhook.event, which is not one scalar': 'webhooks/webhook-delivery.test.ts finds a call by its event itself',
  'webhookendpoints find: a condition on events, which is not one scalar':
    'the endpoints told of an event (webhooks/webhook-events.ts): events is an array, matched element by element in MongoDB; a handful of endpoints per distributor',
  'orders find: a condition on trackingNumbers, which is not one scalar':
    'customer search by a parcel’s tracking number (orders/order-tracking.ts): an array, matched element by element in MongoDB',
  'orders countDocuments: a condition on history.0.at, which is not one scalar': 'orders/order.routes.test.ts checks an order’s first history entry itself',
  'orders find: a condition on history.1, which is not one scalar': 'orders/order-history-actor.test.ts finds an order with two history entries itself',
  'payments countDocuments: a condition on allocations.invoiceId, which is not one scalar': 'invoices/invoice-money.test.ts counts the payments touching an invoice itself',
  'sessions find: a condition on viewAs.expiresAt, which is not one scalar':
    'housekeeping ends looks at a storefront that lapsed unseen (auth/view-as-session.ts), every ten minutes: a system job over a few sessions, by an index',
  'sessions find: a condition on viewAs.userId, which is not one scalar': 'view-as/view-as.routes.test.ts finds the session looking as a user itself',
  'sessions countDocuments: a condition on viewAs, which is not one scalar': 'view-as/view-as.routes.test.ts counts the looks left itself',
};

it('every read of an application collection the suite sent was served in PostgreSQL directly (db/postgres-reads/)', () => {
  const collections = new Set(allModels.map((m) => m.collection.collectionName));
  const fallbacks = readReadFallbacks(dir).filter((f) => collections.has(f.split(' ')[0]!) && !FALLBACKS_BY_DESIGN[f]);
  expect(fallbacks, 'teach db/postgres-reads/ the query, or list it above with its reason').toEqual([]);
});

it('every answer the PostgreSQL reads served during the suite was FerretDB’s answer too (db/postgres-reads/differential-check.ts)', () => {
  expect(readReadMismatches(dir), 'a translation answered otherwise than FerretDB: mend it, or list a FerretDB bug in KNOWN_FERRETDB_BUGS').toEqual([]);
});
