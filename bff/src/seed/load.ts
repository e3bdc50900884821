import type { Model } from 'mongoose';
import { hashPassword } from '../auth/password.js';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Session } from '../auth/session.model.js';
import { Customer } from '../customers/customer.model.js';
import { CustomerNote } from '../customer-notes/customer-note.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import { Counter } from '../orders/counter.model.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { ResellerLogo } from '../branding/reseller-logo.model.js';
import { User } from '../users/user.model.js';
import { AccountToken } from '../auth/account-token.model.js';
import { OutboxMessage } from '../mail/outbox.model.js';
import { SsoGrant } from '../sso/sso-grant.model.js';
import { syncAllIndexes } from '../db/connect.js';
import { PriceLevel } from '../price-levels/price-level.model.js';
import { buildDemoData, DEMO_PASSWORD } from './demo-data.js';
import { withSeededFigures } from './seeded-figures.js';
import { Delivery } from '../deliveries/delivery.model.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.model.js';
import { buildDemoWebhooks } from './demo-webhooks.js';
import { Invoice } from '../invoices/invoice.model.js';
import { InvoiceCounter } from '../invoices/invoice-numbering.js';
import { Payment } from '../invoices/payment.model.js';

/** Seeding writes through the raw collections on purpose: it is the one system job above every tenant. */
export async function insertInBatches(model: Model<any>, docs: readonly object[], batchSize = 2000): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  for (let i = 0; i < docs.length; i += batchSize) {
    await model.collection.insertMany(docs.slice(i, i + batchSize) as never[], { ordered: false });
  }
}

export async function wipeAll(): Promise<void> {
  for (const model of [PriceLevel, AuditEvent, Session, Customer, Distributor, Counter, Order, Product, Reseller, User, AccountToken, OutboxMessage, SsoGrant, WebhookEndpoint, CustomerNote, ResellerLogo, Invoice, Payment, InvoiceCounter]) {
    await model.collection.deleteMany({});
  }
  // Webhook calls go with their endpoints (the demo's log among them).
  await Delivery.collection.deleteMany({ channel: 'webhook' });
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await Distributor.collection.countDocuments({}, { limit: 1 })) === 0;
}

export interface SeedSummary {
  distributors: number;
  resellers: number;
  customers: number;
  users: number;
  products: number;
  orders: number;
}

/** Replaces everything with the demo data set (the same every time). */
export async function loadDemoData(): Promise<SeedSummary> {
  await syncAllIndexes();
  const data = buildDemoData(await hashPassword(DEMO_PASSWORD));
  // Bulk inserts carry no figure deltas: the documents arrive with their figures counted.
  withSeededFigures(data);
  await wipeAll();
  await insertInBatches(Distributor, data.distributors);
  await insertInBatches(Reseller, data.resellers);
  await insertInBatches(Customer, data.customers);
  await insertInBatches(User, data.users);
  await insertInBatches(Product, data.products);
  await insertInBatches(PriceLevel, data.priceLevels);
  await insertInBatches(Order, data.orders);
  await insertInBatches(Counter, data.counters);
  const webhooks = buildDemoWebhooks(new Date());
  await insertInBatches(WebhookEndpoint, webhooks.endpoints);
  await insertInBatches(Delivery, webhooks.deliveries);
  await insertInBatches(CustomerNote, data.customerNotes);
  await insertInBatches(ResellerLogo, data.resellerLogos);
  await insertInBatches(Invoice, data.invoices);
  await insertInBatches(Payment, data.payments);
  await insertInBatches(InvoiceCounter, data.invoiceCounters);
  return {
    distributors: data.distributors.length,
    resellers: data.resellers.length,
    customers: data.customers.length,
    users: data.users.length,
    products: data.products.length,
    orders: data.orders.length,
  };
}
