// Every model, registered with the database layer (db/model-registry.ts), which knows no feature:
// an entry point (server, seed, tests) imports this list before it opens the database.
import { registerModels } from './db/model-registry.js';
import { AuditEvent } from './audit/audit-event.model.js';
import { RateLimit } from './auth/rate-limit.model.js';
import { Session } from './auth/session.model.js';
import { Customer } from './customers/customer.model.js';
import { CustomerNote } from './customer-notes/customer-note.model.js';
import { CustomerImport, CustomerImportBatch } from './customer-imports/customer-import.model.js';
import { Distributor } from './distributors/distributor.model.js';
import { Counter } from './orders/counter.model.js';
import { Order } from './orders/order.model.js';
import { PriceLevel } from './price-levels/price-level.model.js';
import { Product } from './products/product.model.js';
import { Reseller } from './resellers/reseller.model.js';
import { SsoGrant } from './sso/sso-grant.model.js';
import { AccountToken } from './auth/account-token.model.js';
import { OutboxMessage } from './mail/outbox.model.js';
import { User } from './users/user.model.js';
import { Delivery, DeliveryClaim } from './deliveries/delivery.model.js';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.model.js';
import { ResellerLogo } from './branding/reseller-logo.model.js';
import { Invoice } from './invoices/invoice.model.js';
import { InvoiceCounter } from './invoices/invoice-numbering.js';
import { Payment } from './invoices/payment.model.js';

export const allModels = [Distributor, Reseller, Customer, User, Product, PriceLevel, Order, AuditEvent, Session, Counter, SsoGrant, AccountToken, OutboxMessage, RateLimit, Delivery, DeliveryClaim, WebhookEndpoint, CustomerNote, CustomerImport, CustomerImportBatch, ResellerLogo, Invoice, InvoiceCounter, Payment];

registerModels(allModels);
