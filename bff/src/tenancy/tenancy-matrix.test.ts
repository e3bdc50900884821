/**
 * THE TENANCY MATRIX: every route × every persona × objects of its own tenant, a sibling reseller
 * and the other distributor. It proves, for each call:
 *   - a role the route does not admit gets 403, a foreign object 404, and either way the whole
 *     database is unchanged (a hash of every collection before and after: test/db-snapshot.ts);
 *   - an admitted role on its own objects gets the route's success status (or one of `alsoOk`);
 *   - no answer (JSON body, list, count, statistic, or an .xlsx export, read cell by cell) holds an
 *     id or a name (company, reseller, distributor, email, product, order number) from outside the
 *     persona's subtree; list totals and statistics count exactly the persona's own objects.
 *
 * ADDING A ROUTE: add one line to MATRIX below, keyed `METHOD /path` exactly as declared:
 *     'GET /api/things': { roles: ['distributor', 'reseller'] },
 *     'POST /api/things/:id/frob': { roles: ['reseller'], target: 'customer', body: () => ({ … }) },
 *   - `roles`: the roles the route admits ('public' for no session); must match the declaration.
 *   - `target`: what `:id` names (a key of TARGETS; add a kind there if yours is new).
 *   - `body`: a VALID body (refusals must come from tenancy, not validation); gets the target id.
 *   - `query`: appended to the path; `alsoOk`: statuses as right as success on one's own object
 *     (a state-dependent action answering 409, say); `total`: what the answer's `total` must equal.
 * A route without an entry, or an entry without a route, fails the first test of this file.
 */
import ExcelJS from 'exceljs';
import type { mongo, Types } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE, type Role } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { CustomerNote } from '../customer-notes/customer-note.model.js';
import { CustomerImport } from '../customer-imports/customer-import.model.js';
import { Delivery } from '../deliveries/delivery.model.js';
import { demoId } from '../seed/demo-ids.js';
import { Distributor } from '../distributors/distributor.model.js';
import { Invoice } from '../invoices/invoice.model.js';
import { Order } from '../orders/order.model.js';
import { PriceLevel } from '../price-levels/price-level.model.js';
import { Product } from '../products/product.model.js';
import { defaultPriceLevelIdOf } from '../resellers/default-price-level.js';
import { Reseller } from '../resellers/reseller.model.js';
import { buildRoutes } from '../routes.js';
import { changedCollections, snapshotDatabase, type DatabaseSnapshot } from '../test/db-snapshot.js';
import { journalWrites } from '../test/write-journal.js';
import { whenDeliveriesSettled } from '../deliveries/courier.js';
import { buildTestApp, DEMO_ACCOUNTS, testConfig, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { rawBody } from '../test/raw-body.js';
import { DEMO_PASSWORD } from '../seed/demo-data.js';
import { User } from '../users/user.model.js';
import { startWebhookReceiver } from '../test/webhook-receiver.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.model.js';

useTestDatabase();
const allRoutes = buildRoutes(testConfig());
// Webhook endpoints here point at a local receiver (webhooks/), which the development setting lets them reach.
const app = buildTestApp(undefined, { WEBHOOK_ALLOW_PRIVATE: '1' });
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

interface Persona {
  account: DemoAccount;
  role: Role;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId | null;
  customerId: Types.ObjectId | null;
  /** Staff looking at a storefront as this user (read-only): the account signs in, then starts the look. */
  viewingAs?: { customerId: Types.ObjectId; email: string };
}
const northwind = demoId('distributor:northwind');
const contoso = demoId('distributor:contoso');
const PERSONAS: Persona[] = [
  { account: 'distributor', role: 'distributor', distributorId: northwind, resellerId: null, customerId: null },
  { account: 'card', role: 'reseller', distributorId: northwind, resellerId: demoId('reseller:card'), customerId: null },
  { account: 'cash', role: 'reseller', distributorId: northwind, resellerId: demoId('reseller:cash'), customerId: null },
  { account: 'deposit', role: 'reseller', distributorId: northwind, resellerId: demoId('reseller:deposit'), customerId: null },
  { account: 'buyer', role: 'storefront', distributorId: northwind, resellerId: demoId('reseller:cash'), customerId: demoId('customer:cash:0') },
  { account: 'otherDistributor', role: 'distributor', distributorId: contoso, resellerId: null, customerId: null },
  { account: 'otherReseller', role: 'reseller', distributorId: contoso, resellerId: demoId('reseller:other'), customerId: null },
  // The cash reseller's staff looking as the buyer: the buyer's reads, and every change refused (403).
  {
    account: 'cash', role: 'storefront', distributorId: northwind, resellerId: demoId('reseller:cash'), customerId: demoId('customer:cash:0'),
    viewingAs: { customerId: demoId('customer:cash:0'), email: DEMO_ACCOUNTS.buyer },
  },
];
/** A persona's name in the maps and messages below. */
const nameOf = (p: Persona) => (p.viewingAs ? `${p.account} viewing as the buyer` : p.account);
/** Starts the persona's look at the buyer's storefront (again, after a route ended it). */
async function startLook(p: Persona) {
  const user = (await User.collection.findOne({ email: p.viewingAs!.email, customerId: p.viewingAs!.customerId }))!;
  const res = await call('POST', `/api/customers/${String(p.viewingAs!.customerId)}/view-as`, cookies.get(nameOf(p))!, { userId: String(user._id) });
  if (res.status !== 204) throw new Error(`could not start the look: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Where an object sits in the tenancy tree (a reseller-level object has no customer). */
interface Place {
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId | null;
  customerId: Types.ObjectId | null;
}

/** Whether the persona's subtree holds that place. */
function sees(p: Persona, place: Place): boolean {
  if (!p.distributorId.equals(place.distributorId)) return false;
  if (p.resellerId && !(place.resellerId && p.resellerId.equals(place.resellerId))) return false;
  if (p.customerId && !(place.customerId && p.customerId.equals(place.customerId))) return false;
  return true;
}

/** A filter for what the persona's subtree holds in a collection keeping the tree under these fields. */
function subtree(p: Persona, fields: { reseller: string; customer: string }): Record<string, unknown> {
  return { distributorId: p.distributorId, ...(p.resellerId ? { [fields.reseller]: p.resellerId } : {}), ...(p.customerId ? { [fields.customer]: p.customerId } : {}) };
}
const visibleCustomers = (p: Persona) => Customer.collection.countDocuments(subtree(p, { reseller: 'resellerId', customer: '_id' }));
const visibleInvoices = (p: Persona) => Invoice.collection.countDocuments({ ...subtree(p, { reseller: 'resellerId', customer: 'customerId' }), number: { $ne: null } });
const visibleOrders = (p: Persona) => Order.collection.countDocuments(subtree(p, { reseller: 'resellerId', customer: 'customerId' }));

/** Customers to aim at: the buyer's company, another cash customer, one of each other reseller. */
/**
 * Resellers to aim at: one of each distributor that no persona works for (created below), so that
 * suspending it cannot end a persona's own session mid-matrix.
 */
const RESELLER_TARGETS = [demoId('reseller:matrix-northwind'), demoId('reseller:matrix-contoso')];
const CUSTOMER_TARGETS = ['customer:cash:0', 'customer:cash:5', 'customer:card:5', 'customer:deposit:5', 'customer:other:5'].map(demoId);
/** Price levels to aim at: one besides the default of each reseller that has one, and the default of the other distributor's. */
const PRICE_LEVEL_TARGETS = [demoId('price-level:cash:Partner'), demoId('price-level:card:Enterprise'), demoId('price-level:deposit:Education'), defaultPriceLevelIdOf(demoId('reseller:other'))];
/** Reseller staff to aim at: one waiting for activation (Depot Digital's), active ones of a sibling and of the other distributor. */
const STAFF_USER_TARGETS = ['user:pat.pending@demo.example', 'user:reseller.card@demo.example', 'user:other.reseller@demo.example'].map(demoId);
/** Storefront users to aim at: one of each reseller's, never the buyer (whose session the matrix uses). */
const userTargets: Types.ObjectId[] = [];
/** Orders to aim at: a waiting and an in-progress one of each reseller, and one of the buyer's company. */
const orderTargets: Types.ObjectId[] = [];
/** Outgoing messages to aim at: a failed one to a staff user of each reseller. */
const deliveryTargets: Types.ObjectId[] = [];
/** Invoices to aim at: an open one of each reseller, and one of the buyer's company. */
const invoiceTargets: Types.ObjectId[] = [];
/** Documents to download (a PDF): the invoices above, and a credit note of each reseller that has one. */
const documentTargets: Types.ObjectId[] = [];
/** Webhook endpoints to aim at: a paused one of each reseller and one of each distributor. */
const webhookTargets: Types.ObjectId[] = [];
/** Customer imports to aim at: a checked one of three resellers (two of one distributor, one of the other). */
const importTargets: Types.ObjectId[] = [];

/**
 * What an `:id` can name: the objects aimed at (filled before the tests run) and where each sits.
 * A new kind of object: add it here with a few ids spread over both distributors' resellers.
 */
const TARGETS = {
  customer: { collection: () => Customer.collection, ids: CUSTOMER_TARGETS, place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d.resellerId, customerId: d._id }) },
  storefrontUser: { collection: () => User.collection, ids: userTargets, place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d.resellerId, customerId: d.customerId }) },
  invoice: { collection: () => Invoice.collection, ids: invoiceTargets, place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d.resellerId, customerId: d.customerId }) },
  invoiceDocument: { collection: () => Invoice.collection, ids: documentTargets, place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d.resellerId, customerId: d.customerId }) },
  order: { collection: () => Order.collection, ids: orderTargets, place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d.resellerId, customerId: d.customerId }) },
  delivery: { collection: () => Delivery.collection, ids: deliveryTargets, place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d.resellerId, customerId: d.customerId }) },
  webhook: { collection: () => WebhookEndpoint.collection, ids: webhookTargets, place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d.resellerId, customerId: null }) },
  customerImport: { collection: () => CustomerImport.collection, ids: importTargets, place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d.resellerId, customerId: null }) },
  priceLevel: { collection: () => PriceLevel.collection, ids: PRICE_LEVEL_TARGETS, place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d.resellerId, customerId: null }) },
  staffUser: { collection: () => User.collection, ids: STAFF_USER_TARGETS, place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d.resellerId, customerId: null }) },
  reseller: {
    collection: () => Reseller.collection,
    ids: RESELLER_TARGETS,
    place: (d: Doc) => ({ distributorId: d.distributorId, resellerId: d._id, customerId: null }),
  },
} satisfies Record<string, { collection: () => mongo.Collection; ids: Types.ObjectId[]; place: (d: Doc) => Place }>;
type Doc = { _id: Types.ObjectId; distributorId: Types.ObjectId; resellerId: Types.ObjectId; customerId: Types.ObjectId };

/** A string is sent as the raw body (a file upload), anything else as JSON. */
type Body = (target: { id: Types.ObjectId }) => Promise<object | string> | object | string;
interface Entry {
  /** Roles allowed; others must get 403. Checked against the route's own declaration too. */
  roles: readonly Role[] | 'public';
  /** What `:id` names, when the route has one. */
  target?: keyof typeof TARGETS;
  /** A valid body for the call (given the target's id, or the buyer's company for routes without one). */
  body?: Body;
  query?: string;
  /** Path parameters besides `:id` (a note of the target customer), found from the target. */
  params?: (target: { id: Types.ObjectId }) => Promise<Record<string, string>>;
  /** For state-dependent actions on one's own objects: e.g. 409 is as right as success. */
  alsoOk?: number[];
  /** The answer's field that counts the persona's objects, and the count it must equal. */
  total?: { field: string; equals: (p: Persona) => Promise<number> };
  /** Puts the persona's session back as it was for the calls after this one (a look begun or ended). */
  after?: (p: Persona, status: number) => Promise<void>;
}

/**
 * The revision of the reseller whose staff calls next: the body is made before the call, for
 * whichever persona; a mismatch is a 409 (alsoOk), never a write.
 */
let currentPersona: Persona | null = null;
const ownResellerRevision = async () => (currentPersona?.resellerId ? ((await Reseller.collection.findOne({ _id: currentPersona.resellerId }))?.revision as number) : 1);
/** A 1×1 transparent PNG. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const revisionOf = async ({ id }: { id: Types.ObjectId }) => (await Customer.collection.findOne({ _id: id }))!.revision as number;
const customerFields = async ({ id }: { id: Types.ObjectId }) => {
  const c = (await Customer.collection.findOne({ _id: id }))!;
  return { companyName: c.companyName, email: c.email, phone: c.phone, address: c.address, city: c.city, country: c.country, state: c.state, postcode: c.postcode, revision: c.revision };
};

/** A level's stored fields as an edit sends them back (money in the major unit). */
const priceLevelEdit = async ({ id }: { id: Types.ObjectId }) => {
  const l = (await PriceLevel.collection.findOne({ _id: id }))!;
  return {
    name: l.name, markupPercent: l.markupPercent, categoryMarkups: l.categoryMarkups, allowBelowCost: l.allowBelowCost, revision: l.revision,
    products: (l.products as { productId: Types.ObjectId; unitPriceCents: number | null; breaks: { minQuantity: number; unitPriceCents: number }[] }[]).map((p) => ({
      productId: String(p.productId),
      unitPrice: p.unitPriceCents === null ? null : p.unitPriceCents / 100,
      breaks: p.breaks.map((b) => ({ minQuantity: b.minQuantity, unitPrice: b.unitPriceCents / 100 })),
    })),
  };
};

/** The note written on each target customer (before the matrix) by its reseller's demo staff user. */
const noteIdOf = (customerId: Types.ObjectId) => demoId(`matrix-note:${String(customerId)}`);
const noteOf = async ({ id }: { id: Types.ObjectId }) => (await CustomerNote.collection.findOne({ _id: noteIdOf(id) }))!;
const noteParams = async ({ id }: { id: Types.ObjectId }) => ({ noteId: String(noteIdOf(id)) });

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { roles: 'public' },
  'POST /api/auth/login': { roles: 'public' },
  'POST /api/auth/logout': { roles: 'public' },
  'GET /api/auth/session': { roles: 'public' },
  'GET /api/openapi.json': { roles: 'public' },
  'GET /.well-known/jwks.json': { roles: 'public' },
  'GET /api/auth/me': { roles: ['distributor', 'reseller', 'storefront'] },
  // One's own profile: the session names the account, there is no id to give another tenant's.
  'GET /api/profile': { roles: ['distributor', 'reseller', 'storefront'] },
  'PUT /api/profile': { roles: ['distributor', 'reseller', 'storefront'], body: () => ({ firstName: 'Matrix', lastName: `Walker ${Math.random().toString(36).slice(2, 8)}`, language: 'en', dateFormat: 'YYYY-MM-DD' }) },
  // The same password again: the personas sign in with it for the rest of the run.
  // It ends the account's other sessions: the persona looking as the buyer under the same account signs in again.
  'POST /api/profile/password': {
    roles: ['distributor', 'reseller', 'storefront'],
    body: () => ({ currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD }),
    after: async (p, status) => {
      if (status >= 400) return;
      for (const other of PERSONAS.filter((x) => x !== p && x.account === p.account && x.viewingAs)) {
        cookies.set(nameOf(other), await signIn(app, other.account));
        await startLook(other);
      }
    },
  },
  // The storefront's branding: always the caller's own reseller's (no id); its staff change it.
  'GET /api/branding': { roles: ['reseller', 'storefront'] },
  'PUT /api/branding': { roles: ['reseller'], body: async () => ({ accentColor: '#1f4e79', revision: await ownResellerRevision() }), alsoOk: [409] },
  'PUT /api/branding/logo': { roles: ['reseller'], body: async () => ({ contentType: 'image/png', data: TINY_PNG, revision: await ownResellerRevision() }), alsoOk: [409] },
  'DELETE /api/branding/logo': { roles: ['reseller'], body: async () => ({ revision: await ownResellerRevision() }), alsoOk: [409] },
  // 404 while the persona's reseller has no logo (the PUT above may have set one).
  'GET /api/branding/logo': { roles: ['reseller', 'storefront'], alsoOk: [404] },
  'GET /api/overview': { roles: ['distributor', 'reseller', 'storefront'] },
  'GET /api/customers': { roles: ['distributor', 'reseller'], query: '?limit=200&total=1', total: { field: 'total', equals: visibleCustomers } },
  'GET /api/customers/stats': { roles: ['distributor', 'reseller'], total: { field: 'allCustomers', equals: visibleCustomers } },
  'GET /api/resellers': { roles: ['distributor'], query: '?limit=200' },
  'GET /api/resellers/options': { roles: ['distributor'] },
  'GET /api/resellers/export.xlsx': { roles: ['distributor'] },
  'POST /api/resellers': {
    roles: ['distributor'],
    body: () => {
      const tag = Math.random().toString(36).slice(2);
      return { name: `Matrix Reseller ${tag}`, contactEmail: `r${tag}@matrix.example`, markupPercent: 10, paymentMethod: 'cash', staff: { firstName: 'Matrix', lastName: 'Staff', email: `s${tag}@matrix.example` } };
    },
  },
  'GET /api/resellers/:id': { roles: ['distributor'], target: 'reseller' },
  'PUT /api/resellers/:id': {
    roles: ['distributor'],
    target: 'reseller',
    body: async ({ id }) => {
      const r = (await Reseller.collection.findOne({ _id: id }))!;
      return { name: r.name, contactName: r.contactName, contactEmail: r.contactEmail, phone: r.phone, city: r.city, country: r.country, markupPercent: r.markupPercent, revision: r.revision };
    },
  },
  'PUT /api/resellers/:id/payment-method': {
    roles: ['distributor'],
    target: 'reseller',
    body: async ({ id }) => ({ paymentMethod: 'deposit', revision: (await Reseller.collection.findOne({ _id: id }))!.revision }),
  },
  // Aimed at resellers no persona works for: a suspension would end the personas' own sessions.
  'POST /api/resellers/:id/suspend': { roles: ['distributor'], target: 'reseller', alsoOk: [409] },
  'POST /api/resellers/:id/reinstate': { roles: ['distributor'], target: 'reseller', alsoOk: [409] },
  'GET /api/customers/export.xlsx': { roles: ['distributor', 'reseller'] },
  'POST /api/customers': {
    roles: ['reseller'],
    body: () => ({ companyName: 'Matrix Co', email: `m${Math.random().toString(36).slice(2)}@matrix.example`, phone: '+30 210 0000000', address: '1 Road', city: 'Athens', country: 'Greece', state: 'Attica', postcode: '10552' }),
  },
  'GET /api/customers/:id': { roles: ['distributor', 'reseller'], target: 'customer' },
  'PUT /api/customers/:id': { roles: ['reseller'], target: 'customer', body: customerFields },
  'PUT /api/customers/:id/order-approval': { roles: ['reseller'], target: 'customer', body: () => ({ required: true }) },
  'PUT /api/customers/:id/approval-rule': { roles: ['reseller'], target: 'customer', body: () => ({ mode: 'always' }) },
  'PUT /api/customers/:id/active': { roles: ['reseller'], target: 'customer', body: async (t) => ({ active: true, revision: await revisionOf(t) }) },
  'GET /api/customers/:id/timeline': { roles: ['distributor', 'reseller'], target: 'customer' },
  'POST /api/customers/:id/notes': { roles: ['reseller'], target: 'customer', body: () => ({ text: 'A note from the matrix' }) },
  'PUT /api/customers/:id/notes/:noteId': { roles: ['reseller'], target: 'customer', params: noteParams, body: async (t) => ({ text: 'Edited by the matrix', revision: (await noteOf(t)).revision }) },
  'DELETE /api/customers/:id/notes/:noteId': { roles: ['reseller'], target: 'customer', params: noteParams },
  'GET /api/customers/:id/delivery-addresses': { roles: ['reseller', 'storefront'], target: 'customer' },
  'PUT /api/customers/:id/credit-terms': {
    roles: ['reseller'],
    target: 'customer',
    body: async (t) => ({ paymentTerms: 'net_30', creditLimitCents: 500000, vatRateBp: 2400, revision: await revisionOf(t) }),
  },
  'PUT /api/customers/:id/watch-note': { roles: ['reseller'], target: 'customer', body: async (t) => ({ text: 'Watched by the matrix', revision: await revisionOf(t) }) },
  'POST /api/customers/:id/sso-links': { roles: ['reseller'], target: 'customer', body: () => ({ target: 'services' }) },
  // Staff looking as the customer's first admin: ended at once, so the persona's next calls are its own.
  'POST /api/customers/:id/view-as': {
    roles: ['reseller', 'distributor'],
    target: 'customer',
    body: () => ({}),
    // A customer without storefront users has no one to look as.
    alsoOk: [409],
    after: async (p, status) => {
      if (status === 204) await call('POST', '/api/view-as/end', cookies.get(nameOf(p))!);
    },
  },
  // Only a look ends a look: anyone else signed in is 409 (a buyer is nobody's look); the looking persona starts again.
  'POST /api/view-as/end': {
    roles: ['storefront'],
    alsoOk: [409],
    after: async (p, status) => {
      if (p.viewingAs && status === 200) await startLook(p);
    },
  },
  'POST /api/auth/activate': { roles: 'public' },
  'POST /api/auth/reset-password': { roles: 'public' },
  'POST /api/auth/forgot-password': { roles: 'public' },
  'POST /api/auth/link-status': { roles: 'public' },
  'GET /api/dev/mail': { roles: ['distributor', 'reseller'] },
  // The buyer is its company's admin: it lists its own company's users.
  'GET /api/customers/:id/storefront-users': { roles: ['distributor', 'reseller', 'storefront'], target: 'customer' },
  'PUT /api/storefront-users/:id/company-role': { roles: ['reseller', 'storefront'], target: 'storefrontUser', body: () => ({ companyRole: 'buyer' }) },
  'POST /api/customers/:id/storefront-users': {
    roles: ['reseller'],
    target: 'customer',
    body: () => ({ firstName: 'Matrix', lastName: 'User', email: `u${Math.random().toString(36).slice(2)}@matrix.example`, language: 'en', dateFormat: 'DD/MM/YYYY' }),
  },
  'GET /api/resellers/:id/staff-users': { roles: ['distributor'], target: 'reseller' },
  // A reseller's credit setting: its staff change their own (the targets are no persona's: 404), the distributor reads.
  'GET /api/resellers/:id/credit-settings': { roles: ['distributor', 'reseller'], target: 'reseller' },
  'PUT /api/resellers/:id/credit-settings': {
    roles: ['reseller'],
    target: 'reseller',
    body: async ({ id }) => ({ overdueApprovalDays: 21, revision: (await Reseller.collection.findOne({ _id: id }))!.revision as number }),
  },
  'POST /api/staff-users/:id/resend-activation': { roles: ['distributor'], target: 'staffUser', alsoOk: [409] },
  'POST /api/storefront-users/:id/resend-activation': { roles: ['reseller'], target: 'storefrontUser', alsoOk: [409] },
  'POST /api/storefront-users/:id/reset-password': { roles: ['reseller'], target: 'storefrontUser', alsoOk: [409] },
  'POST /api/storefront-users/:id/deactivate': { roles: ['reseller'], target: 'storefrontUser', alsoOk: [409] },
  'POST /api/storefront-users/:id/activate': { roles: ['reseller'], target: 'storefrontUser', alsoOk: [409] },
  'GET /api/invoices': { roles: ['distributor', 'reseller', 'storefront'], query: '?limit=200', total: { field: 'total', equals: visibleInvoices } },
  'GET /api/invoices/:id': { roles: ['distributor', 'reseller', 'storefront'], target: 'invoice' },
  'GET /api/invoices/:id/pdf': { roles: ['distributor', 'reseller', 'storefront'], target: 'invoiceDocument' },
  // Invoices.xlsx of the persona's scope; a customer's statement: another tenant's customer 404.
  'GET /api/invoices/export.xlsx': { roles: ['distributor', 'reseller', 'storefront'] },
  'GET /api/customers/:id/statement.xlsx': { roles: ['distributor', 'reseller', 'storefront'], target: 'customer', query: '?from=2026-01-01&to=2026-12-31' },
  // The buyer's company's invoice is paid (409: nothing open to credit); the resellers' open ones are credited.
  'POST /api/invoices/:id/credit-notes': { roles: ['reseller'], target: 'invoice', body: () => ({ lines: [0], reason: 'Matrix' }), alsoOk: [409] },
  'GET /api/customers/:id/balance': { roles: ['distributor', 'reseller', 'storefront'], target: 'customer' },
  // Aimed at an open invoice of a Cash & Carry customer: its reseller records (201); other staff find no such customer (404).
  'POST /api/payments': {
    roles: ['reseller'],
    body: async () => {
      const open = (await Invoice.collection.findOne({ resellerId: demoId('reseller:cash'), kind: 'invoice', openCents: { $gt: 100 } }))!;
      return { customerId: String(open.customerId), receivedOn: '2026-12-01', reference: 'MATRIX', allocations: [{ invoiceId: String(open._id), amountCents: 1 }] };
    },
    alsoOk: [404],
  },
  'GET /api/orders': { roles: ['distributor', 'reseller', 'storefront'], query: '?limit=200&total=1', total: { field: 'total', equals: visibleOrders } },
  'GET /api/orders/export.xlsx': { roles: ['distributor', 'reseller', 'storefront'] },
  'GET /api/orders/:id': { roles: ['distributor', 'reseller', 'storefront'], target: 'order' },
  // A storefront user decides only its company's step (or cancels its own waiting order): its company's other orders are 403.
  'POST /api/orders/:id/accept': { roles: ['reseller', 'storefront'], target: 'order', alsoOk: [409, 403] },
  'POST /api/orders/:id/cancel': { roles: ['reseller', 'distributor', 'storefront'], target: 'order', alsoOk: [409, 403] },
  'POST /api/orders/:id/mark-executed': { roles: ['distributor'], target: 'order', alsoOk: [409] },
  // Waiting orders take no tracking number (409); those in progress do.
  'POST /api/orders/:id/tracking': { roles: ['reseller', 'distributor'], target: 'order', body: () => ({ carrier: 'ups', number: `1Z${Math.random().toString(36).slice(2, 12)}` }), alsoOk: [409] },
  // Orders without the number answer 409; the in-progress targets carry one (added before the matrix).
  'DELETE /api/orders/:id/tracking/:number': { roles: ['reseller', 'distributor'], target: 'order', params: async () => ({ number: 'MATRIX0001' }), alsoOk: [409] },
  // Each order of the list is decided on its own (tested in orders/); here: who may call it at all.
  'POST /api/orders/decisions': { roles: ['reseller', 'distributor', 'storefront'], body: () => ({ decision: 'cancel', ids: [String(demoId('nobody'))] }) },
  // Aimed at the buyer's company: its own user and its reseller place (201); other staff find no such customer (404).
  'POST /api/orders': {
    roles: ['reseller', 'storefront'],
    body: async () => ({
      customerId: String(CUSTOMER_TARGETS[0]),
      idempotencyKey: `matrix-${Math.random().toString(36).slice(2)}-key`,
      lines: [{ productId: String((await Product.collection.findOne({ distributorId: northwind, active: true }))!._id), quantity: 1 }],
    }),
    alsoOk: [404],
  },
  'GET /api/catalogue': { roles: ['reseller', 'storefront'] },
  'GET /api/price-levels': { roles: ['distributor', 'reseller'] },
  'POST /api/price-levels': { roles: ['reseller'], body: () => ({ name: `Matrix ${Math.random().toString(36).slice(2)}`, markupPercent: 12, categoryMarkups: [], products: [], allowBelowCost: false }) },
  'PUT /api/price-levels/:id': { roles: ['reseller'], target: 'priceLevel', body: priceLevelEdit },
  // Every level aimed at prices some customers (or is a default): 409, naming how many.
  'DELETE /api/price-levels/:id': { roles: ['reseller'], target: 'priceLevel', alsoOk: [409] },
  // Back to the default level for one category of the buyer's company: its reseller changes it, other resellers find no such customer.
  // Ids of every tenant in one request: the caller's own are decided, the others only counted as not found.
  'POST /api/customers/bulk': { roles: ['reseller'], body: () => ({ selection: { kind: 'ids', ids: CUSTOMER_TARGETS.map(String) }, action: { type: 'setActive', active: true } }) },
  'POST /api/customers/bulk/count': { roles: ['reseller'], body: () => ({ filter: {} }) },
  'GET /api/customer-imports/template.xlsx': { roles: ['reseller'] },
  // A file of one customer, by email: whatever tenant that email belongs to elsewhere, it is the caller's own row.
  'POST /api/customer-imports': {
    roles: ['reseller'],
    query: '?fileName=matrix.csv',
    body: () => `Customer email,Company name,Phone,Address,City,State/province,Postcode,Country\r\nm${Math.random().toString(36).slice(2)}@matrix.example,Matrix Import Co,+30 210 0000000,1 Road,Athens,Attica,10552,Greece`,
  },
  'GET /api/customer-imports': { roles: ['reseller'] },
  'GET /api/customer-imports/:id': { roles: ['reseller'], target: 'customerImport' },
  'GET /api/customer-imports/:id/rows': { roles: ['reseller'], target: 'customerImport' },
  'POST /api/customer-imports/:id/apply': { roles: ['reseller'], target: 'customerImport', alsoOk: [409] },
  'POST /api/customers/price-levels': { roles: ['reseller'], body: () => ({ ids: [String(CUSTOMER_TARGETS[0])], category: 'Productivity', levelId: null }) },
  'GET /api/customers/:id/price-levels': { roles: ['distributor', 'reseller'], target: 'customer' },
  'PUT /api/customers/:id/price-levels': { roles: ['reseller'], target: 'customer', body: async (t) => ({ assignments: [], revision: await revisionOf(t) }) },
  'GET /api/customers/:id/price-list.xlsx': { roles: ['distributor', 'reseller'], target: 'customer' },
  'GET /api/price-list.xlsx': { roles: ['storefront'] },
  // By now the routes above have written events in every tenant; each persona must see only its own.
  'GET /api/audit-events': { roles: ['distributor', 'reseller'], query: '?limit=200' },
  'GET /api/audit-events/export.xlsx': { roles: ['distributor', 'reseller'] },
  'GET /api/health/details': { roles: ['distributor'] },
  'GET /api/deliveries': { roles: ['distributor', 'reseller'] },
  // The first admitted persona sends a failed message again; for the next ones it is no longer failed.
  'POST /api/deliveries/:id/send-again': { roles: ['distributor', 'reseller'], target: 'delivery', alsoOk: [409] },
  'GET /api/webhooks': { roles: ['distributor', 'reseller'] },
  'POST /api/webhooks': { roles: ['distributor', 'reseller'], body: () => ({ url: receiver.url('/matrix'), events: ['order.placed', 'customer.changed'] }) },
  // The targets start paused: pausing answers 409; the first admitted persona resumes one (200), the next find it active (409).
  'POST /api/webhooks/:id/pause': { roles: ['distributor', 'reseller'], target: 'webhook', alsoOk: [409] },
  'POST /api/webhooks/:id/resume': { roles: ['distributor', 'reseller'], target: 'webhook', alsoOk: [409] },
  'GET /api/webhooks/:id/deliveries': { roles: ['distributor', 'reseller'], target: 'webhook' },
  // The distributor deletes its resellers' endpoints first: for their own staff, after it, they are gone.
  'DELETE /api/webhooks/:id': { roles: ['distributor', 'reseller'], target: 'webhook', alsoOk: [404] },
};

const cookies = new Map<string, string>();
/** Per persona: every id, and every name, email, SKU or order number, found only outside its subtree. */
const foreign = new Map<string, { ids: Set<string>; names: Set<string> }>();

/** The names a collection's documents are known by, which must not reach another tenant. */
const NAME_FIELDS: { collection: () => mongo.Collection; distributor: string; reseller: string | null; customer: string | null; names: string[] }[] = [
  { collection: () => Distributor.collection, distributor: '_id', reseller: null, customer: null, names: ['name'] },
  { collection: () => Reseller.collection, distributor: 'distributorId', reseller: '_id', customer: null, names: ['name', 'contactEmail'] },
  { collection: () => Customer.collection, distributor: 'distributorId', reseller: 'resellerId', customer: '_id', names: ['companyName', 'email'] },
  { collection: () => User.collection, distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId', names: ['email'] },
  { collection: () => Order.collection, distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId', names: ['number'] },
  { collection: () => Product.collection, distributor: 'distributorId', reseller: null, customer: null, names: ['name', 'sku'] },
  { collection: () => PriceLevel.collection, distributor: 'distributorId', reseller: 'resellerId', customer: null, names: ['name'] },
  { collection: () => AuditEvent.collection, distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId', names: [] },
  { collection: () => WebhookEndpoint.collection, distributor: 'distributorId', reseller: 'resellerId', customer: null, names: ['description', 'url'] },
];

async function foreignTo(p: Persona) {
  const ids = new Set<string>();
  const outsideNames = new Set<string>();
  const insideNames = new Set<string>();
  for (const tree of NAME_FIELDS) {
    const fields = tree.names;
    const projection = Object.fromEntries([tree.distributor, tree.reseller, tree.customer, ...fields].filter(Boolean).map((f) => [f, 1]));
    for (const doc of await tree.collection().find({}, { projection }).toArray()) {
      const place = {
        distributorId: doc[tree.distributor],
        resellerId: tree.reseller ? doc[tree.reseller] : p.resellerId,
        customerId: tree.customer ? doc[tree.customer] : p.customerId,
      } as Place;
      // Ancestors (one's own distributor and reseller, and their catalogue) are not foreign.
      const inside = sees(p, place);
      if (!inside) ids.add(String(doc._id));
      for (const f of fields) if (typeof doc[f] === 'string' && doc[f]) (inside ? insideNames : outsideNames).add(doc[f]);
    }
  }
  return { ids, names: new Set([...outsideNames].filter((n) => !insideNames.has(n))) };
}

/** Every string an answer holds: JSON values, or an .xlsx workbook's cells. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringsIn(v, out));
  else if (value !== null && value !== undefined) out.push(String(value));
  return out;
}

/** What of the persona's foreign ids and names an answer shows. */
function leaksIn(strings: string[], p: Persona): string[] {
  const { ids, names } = foreign.get(nameOf(p))!;
  const found = new Set<string>();
  for (const s of strings) {
    for (const id of s.match(/[0-9a-f]{24}/g) ?? []) if (ids.has(id)) found.add(`id ${id}`);
    if (names.has(s.trim())) found.add(`name ${JSON.stringify(s)}`);
    // Free text (an email's body, a note): look for names inside it too.
    if (s.length > 60) for (const n of names) if (n.length >= 8 && s.includes(n)) found.add(`name ${JSON.stringify(n)} in text`);
  }
  return [...found];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Calls a route as the web app would, and reads the answer whatever it is (JSON, a workbook, text). */
async function call(method: string, path: string, cookie: string, body?: object | string) {
  const m = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = request(app)[m](path);
  if (cookie) req = req.set('Cookie', cookie);
  if (typeof body === 'string') req = req.type('application/octet-stream');
  if (m !== 'get') req = req.set(CSRF_HEADER, CSRF_HEADER_VALUE).send(body ?? {});
  const res = await rawBody(req);
  const raw = res.body as Buffer;
  const type = String(res.headers['content-type'] ?? '');
  let decoded: unknown = raw.toString('utf8');
  if (type.startsWith('application/json') && raw.length > 0) decoded = JSON.parse(raw.toString('utf8'));
  if (type.startsWith(XLSX) && res.status === 200) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(raw as never);
    decoded = book.worksheets.map((sheet) => sheet.getSheetValues());
  }
  return { status: res.status, body: decoded };
}

/** The figures the lead reports: what was tried, and what leaked or changed (must stay 0). */
const figures = { routes: 0, calls: 0, refusals: 0, refusalsThatWrote: 0, leaks: 0, totalsChecked: 0 };
let journal: ReturnType<typeof journalWrites>;

beforeAll(async () => {
  for (const [i, distributorId] of [northwind, contoso].entries()) {
    const name = `Matrix Target ${i}`;
    await Reseller.collection.insertOne({
      _id: RESELLER_TARGETS[i]!, distributorId, name, nameKey: name.toLowerCase(), searchText: name.toLowerCase(), contactName: '', contactEmail: `target${i}@matrix.example`,
      phone: '', city: '', country: '', paymentMethod: 'cash', markupPercent: 10, status: 'active', revision: 1, createdAt: new Date(), updatedAt: new Date(),
    });
  }
  for (const key of ['cash', 'card', 'deposit', 'other']) {
    const u = await User.collection.findOne({ role: 'storefront', resellerId: demoId(`reseller:${key}`), email: { $ne: 'buyer@demo.example' } });
    userTargets.push(u!._id as Types.ObjectId);
    for (const status of ['pending_approval', 'in_progress']) {
      const o = await Order.collection.findOne({ resellerId: demoId(`reseller:${key}`), status, customerId: { $ne: CUSTOMER_TARGETS[0] } });
      if (o) orderTargets.push(o._id as Types.ObjectId);
    }
  }
  orderTargets.push((await Order.collection.findOne({ customerId: CUSTOMER_TARGETS[0] }))!._id as Types.ObjectId);
  // A parcel on every order aimed at: its own staff may take it off, no one else.
  await Order.collection.updateMany(
    { _id: { $in: orderTargets } },
    { $push: { tracking: { carrier: 'ups', number: 'MATRIX0001', addedAt: new Date(), addedByName: 'Matrix' }, trackingNumbers: 'MATRIX0001' } } as never,
  );
  for (const key of ['cash', 'card', 'deposit', 'other']) {
    invoiceTargets.push((await Invoice.collection.findOne({ resellerId: demoId(`reseller:${key}`), kind: 'invoice', openCents: { $gt: 100 } }))!._id as Types.ObjectId);
  }
  invoiceTargets.push((await Invoice.collection.findOne({ customerId: CUSTOMER_TARGETS[0], kind: 'invoice' }))!._id as Types.ObjectId);
  documentTargets.push(...invoiceTargets);
  for (const key of ['cash', 'card', 'deposit', 'other']) {
    const note = await Invoice.collection.findOne({ resellerId: demoId(`reseller:${key}`), kind: 'credit_note', number: { $ne: null } });
    if (note) documentTargets.push(note._id as Types.ObjectId);
  }
  expect(documentTargets.length, 'the demo has credit notes to aim at').toBeGreaterThan(invoiceTargets.length);
  for (const key of ['cash', 'card', 'deposit', 'other']) {
    const staff = (await User.collection.findOne({ role: 'reseller', resellerId: demoId(`reseller:${key}`) }))!;
    const at = new Date(Date.now() - 86_400_000);
    const { insertedId } = await Delivery.collection.insertOne({
      distributorId: staff.distributorId, resellerId: staff.resellerId, customerId: null, topic: 'order.waiting', recipientUserId: staff._id, channel: 'mail',
      mail: { to: staff.email, subject: 'An order is waiting', text: 'Hello', html: '<p>Hello</p>' }, sensitive: false, state: 'failed', attempts: 12,
      nextAttemptAt: at, leaseOwner: null, leaseUntil: null, lastError: '451 Try again later', createdAt: at, giveUpAt: new Date(), sentAt: null, failedAt: new Date(),
    } as never);
    deliveryTargets.push(insertedId as unknown as Types.ObjectId);
  }
  receiver = await startWebhookReceiver();
  // The demo's endpoints (to hosts that do not resolve) would fail and retry in the middle of the matrix's write checks.
  await WebhookEndpoint.collection.updateMany({}, { $set: { state: 'paused' } });
  for (const [key, distributorId, resellerId] of [
    ['cash', northwind, demoId('reseller:cash')], ['card', northwind, demoId('reseller:card')], ['northwind', northwind, null],
    ['other', contoso, demoId('reseller:other')], ['contoso', contoso, null],
  ] as const) {
    const { insertedId } = await WebhookEndpoint.collection.insertOne({
      distributorId, resellerId, url: receiver.url(`/${key}`), description: `Matrix endpoint of ${key}`, events: ['order.placed', 'customer.changed'],
      secret: `whsec_matrix_${key}_secret_of_enough_length`, state: 'paused', failingSince: null, pausedAt: new Date(), pausedReason: 'Matrix', createdAt: new Date(), createdByUserId: null,
    } as never);
    webhookTargets.push(insertedId as unknown as Types.ObjectId);
  }
  for (const key of ['cash', 'card', 'other']) {
    const staff = (await User.collection.findOne({ role: 'reseller', resellerId: demoId(`reseller:${key}`) }))!;
    const { insertedId } = await CustomerImport.collection.insertOne({
      distributorId: staff.distributorId, resellerId: staff.resellerId, fileName: `matrix-${key}.csv`, state: 'checked', sendActivation: false, rows: 0,
      checked: { create: 0, update: 0, unchanged: 0, refused: 0 }, applied: null, createdByUserId: staff._id, createdByName: 'Matrix Staff', appliedAt: null, createdAt: new Date(), updatedAt: new Date(),
    } as never);
    importTargets.push(insertedId as unknown as Types.ObjectId);
  }
  // A note on each target customer by its reseller's demo staff user: theirs to change, no one else's.
  // Dated ahead: a note may be changed for 15 minutes, and on a busy machine the matrix reaches its
  // routes later than that.
  const written = new Date(Date.now() + 60 * 60_000);
  for (const customerId of CUSTOMER_TARGETS) {
    const c = (await Customer.collection.findOne({ _id: customerId }))!;
    const author = (await User.collection.findOne({ role: 'reseller', resellerId: c.resellerId, email: { $in: Object.values(DEMO_ACCOUNTS) } }))!;
    await CustomerNote.collection.insertOne({
      _id: noteIdOf(customerId), distributorId: c.distributorId, resellerId: c.resellerId, customerId, text: 'Matrix note', authorId: author._id, authorName: 'Matrix Staff',
      editedAt: null, deleted: false, revision: 1, createdAt: written, updatedAt: written,
    } as never);
  }
  for (const p of PERSONAS) {
    cookies.set(nameOf(p), await signIn(app, p.account));
    foreign.set(nameOf(p), await foreignTo(p));
    if (p.viewingAs) await startLook(p);
  }
  journal = journalWrites();
});

afterAll(async () => {
  await whenDeliveriesSettled();
  await receiver?.close();
  journal?.stop();
  console.log(
    `[security figures] tenancy matrix: ${figures.routes} session routes × ${PERSONAS.length} personas × own/sibling/other-distributor objects = ` +
      `${figures.calls} calls; ${figures.refusals} refusals (403/404/409), ${figures.refusalsThatWrote} of them wrote; ` +
      `${figures.totalsChecked} counts checked; ${figures.leaks} leaks`,
  );
});

/** The route's path for a call on `id`, with the entry's other parameters filled in. */
async function fillPath(path: string, entry: Entry, id: Types.ObjectId): Promise<string> {
  let filled = path.replace(':id', String(id));
  for (const [name, value] of Object.entries((await entry.params?.({ id })) ?? {})) filled = filled.replace(`:${name}`, value);
  return filled;
}

const keyOf = (route: (typeof allRoutes)[number]) => `${route.method.toUpperCase()} ${route.path}`;
/** The signed-in routes the matrix walks (public ones have nothing to keep apart). */
const sessionRoutes = allRoutes.filter((route) => MATRIX[keyOf(route)] && MATRIX[keyOf(route)]!.roles !== 'public');

interface Call {
  p: Persona;
  id: Types.ObjectId | null;
  expected: number;
}

/** Every (persona, object) pair for a route, with the answer it must get. */
async function callsFor(route: (typeof allRoutes)[number]): Promise<Call[]> {
  const entry = MATRIX[keyOf(route)]!;
  const roles = entry.roles as readonly Role[];
  const target = entry.target ? TARGETS[entry.target] : null;
  const calls: Call[] = [];
  for (const p of PERSONAS) {
    for (const id of target ? target.ids : [null]) {
      let expected = roles.includes(p.role) ? route.success.status : 403;
      // Looking as a customer's user reads only: every other call is refused before any object is sought.
      if (p.viewingAs && route.method !== 'get' && route.whileViewingAs !== 'allowed') expected = 403;
      if (id && expected !== 403) {
        const stored = (await target!.collection().findOne({ _id: id })) as unknown as Doc;
        if (!sees(p, target!.place(stored))) expected = 404;
      }
      calls.push({ p, id, expected });
    }
  }
  return calls;
}

/** Makes one call and returns what was wrong with it (status, leaks, counts, writes of a refusal). */
async function attempt(route: (typeof allRoutes)[number], { p, id, expected }: Call): Promise<string[]> {
  const key = keyOf(route);
  const entry = MATRIX[key]!;
  const what = `${key} as ${nameOf(p)}${id ? ` on ${String(id)}` : ''}`;
  const problems: string[] = [];
  figures.calls++;
  await whenDeliveriesSettled(); // what earlier calls queued is not counted against this one
  journal.take();
  currentPersona = p;
  const path = `${await fillPath(route.path, entry, id ?? CUSTOMER_TARGETS[0]!)}${entry.query ?? ''}`;
  const res = await call(route.method, path, cookies.get(nameOf(p))!, await entry.body?.({ id: id ?? CUSTOMER_TARGETS[0]! }));
  await entry.after?.(p, res.status);
  const ok = res.status === expected || (expected === route.success.status && entry.alsoOk?.includes(res.status));
  if (!ok) problems.push(`${what}: ${res.status}, expected ${expected}: ${JSON.stringify(res.body).slice(0, 300)}`);
  if (res.status >= 400) {
    figures.refusals++;
    await whenDeliveriesSettled();
    const wrote = journal.take();
    if (wrote.length > 0) {
      figures.refusalsThatWrote++;
      problems.push(`${what} answered ${res.status} but wrote: ${wrote.join(', ')}`);
    }
  }
  const leaks = leaksIn(stringsIn(res.body), p);
  figures.leaks += leaks.length;
  if (leaks.length > 0) problems.push(`${what} leaked ${leaks.slice(0, 5).join(', ')}`);
  if (entry.total && res.status === route.success.status) {
    figures.totalsChecked++;
    const shown = (res.body as Record<string, unknown>)[entry.total.field];
    const own = await entry.total.equals(p);
    if (shown !== own) problems.push(`${what}: ${entry.total.field} ${String(shown)}, but its subtree holds ${own}`);
  }
  return problems;
}

describe('the tenancy matrix', () => {
  it('has an entry for every route of the BFF, and none for a route that is gone, matching the roles the route declares', () => {
    const declared = allRoutes.map(keyOf);
    expect(new Set(declared).size, 'a route is declared twice').toBe(declared.length);
    for (const route of allRoutes) {
      const key = keyOf(route);
      const entry = MATRIX[key];
      expect(entry, `${key} has no entry in the tenancy matrix (see the top of tenancy-matrix.test.ts)`).toBeDefined();
      if (route.access === 'public') expect(entry!.roles, key).toBe('public');
      else expect([...route.roles].sort(), key).toEqual([...(entry!.roles as Role[])].sort());
      expect(Boolean(entry!.target), `${key}: routes with an :id need a target`).toBe(route.path.includes(':id'));
    }
    expect(Object.keys(MATRIX).filter((key) => !declared.includes(key)), 'entries for routes that are not declared').toEqual([]);
  });

  it('would see a write: the journal records one, and the hash of the database changes', async () => {
    const before = await snapshotDatabase();
    journal.take();
    const id = demoId('customer:other:9');
    const stored = (await Customer.collection.findOne({ _id: id }))!;
    await Customer.collection.updateOne({ _id: id }, { $set: { city: 'Elsewhere' } });
    expect(journal.take()).toEqual(['update customers (1)']);
    expect(changedCollections(before, await snapshotDatabase())).toEqual([expect.stringMatching(/^customers: /)]);
    await Customer.collection.updateOne({ _id: id }, { $set: { city: stored.city } });
    journal.take();
  });

  for (const route of sessionRoutes) {
    it(`${keyOf(route)}: 401 without a session`, async () => {
      const target = MATRIX[keyOf(route)]!.target;
      const path = await fillPath(route.path, MATRIX[keyOf(route)]!, target ? TARGETS[target].ids[0]! : demoId('nobody'));
      const res = await call(route.method, path, '', {});
      expect(res.status).toBe(401);
    });
  }
});

// Refusals first, all of them before any call that may write, so that one hash of the whole
// database before and one after prove together that no refusal wrote anything anywhere.
describe('the tenancy matrix: other tenants’ objects and roles never admitted', () => {
  let before: DatabaseSnapshot;
  beforeAll(async () => {
    before = await snapshotDatabase();
  });

  for (const route of sessionRoutes) {
    it(`${keyOf(route)}: 404 for a sibling reseller's and the other distributor's objects, 403 for a role never admitted; nothing written, nothing leaked`, async () => {
      figures.routes++;
      const problems: string[] = [];
      for (const c of (await callsFor(route)).filter((c) => c.expected !== route.success.status)) problems.push(...(await attempt(route, c)));
      expect(problems).toEqual([]);
    });
  }

  it('left every collection of the database exactly as it was', async () => {
    const wrote = changedCollections(before, await snapshotDatabase());
    if (wrote.length > 0) figures.refusalsThatWrote++;
    expect(wrote).toEqual([]);
  });
});

describe('the tenancy matrix: one’s own objects', () => {
  for (const route of sessionRoutes) {
    it(`${keyOf(route)}: as the role permits, with no foreign id or name and counts of one's own subtree only`, async () => {
      const problems: string[] = [];
      for (const c of (await callsFor(route)).filter((c) => c.expected === route.success.status)) problems.push(...(await attempt(route, c)));
      expect(problems).toEqual([]);
    });
  }
  it('GET /api/audit-events: after all the writes above, no persona sees an event outside its subtree', async () => {
    for (const p of PERSONAS.filter((x) => x.role !== 'storefront')) {
      // The ids outside as before, plus the foreign events written during this run.
      const outside = new Set(foreign.get(nameOf(p))!.ids);
      const mine = { distributorId: p.distributorId, ...(p.resellerId ? { resellerId: p.resellerId } : {}) };
      for (const e of await AuditEvent.collection.find({ $nor: [mine] }, { projection: { _id: 1 } }).toArray()) outside.add(String(e._id));
      const res = await call('GET', '/api/audit-events?limit=200', cookies.get(nameOf(p))!);
      expect(res.status).toBe(200);
      expect((res.body as { items: unknown[] }).items.length, `${p.account} sees its own events`).toBeGreaterThan(0);
      const ids = stringsIn(res.body).flatMap((v) => v.match(/[0-9a-f]{24}/g) ?? []);
      expect(ids.filter((id) => outside.has(id)), `${p.account} leaked`).toEqual([]);
    }
  });
});
