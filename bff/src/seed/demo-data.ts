import { demoBranding } from './demo-branding.js';
import type { Types } from 'mongoose';
import { customerDerivedFields } from '../customers/customer-keys.js';
import { resellerDerivedFields } from '../reseller-management/reseller-keys.js';
import { demoId, seededRandom, type Random } from './demo-ids.js';
import type { StoredLevel } from '../price-levels/customer-pricing.js';
import { buildDemoPriceLevels, demoCustomerPricing } from './demo-price-levels.js';
import { buildCustomer, buildOrder, buildStorefrontUser, buildProducts, type Tenant } from './builders.js';
import { applyApprovalRules, assignBlueHarborRoles, blueHarborTeam, blueHarborWaitingOrders } from './demo-company.js';
import { buildDemoRecords } from './demo-notes.js';
import { buildDemoInvoices } from './demo-invoices.js';

export const DEMO_PASSWORD = 'Demo-Password-1';

interface ResellerPlan {
  key: string;
  distributorKey: string;
  name: string;
  email: string;
  staff: { email: string; firstName: string; lastName: string };
  paymentMethod: 'credit_card' | 'cash' | 'deposit';
  markupPercent: number;
  customers: number;
}

const DISTRIBUTORS = [
  {
    key: 'northwind',
    name: 'Northwind Distribution',
    workspaceUrl: 'https://workspace.northwind.example',
    prefix: 'NW',
    staff: { email: 'distributor@demo.example', firstName: 'Dana', lastName: 'Distributor' },
  },
  {
    key: 'contoso',
    name: 'Contoso Cloud Supply',
    workspaceUrl: 'https://portal.contoso.example',
    prefix: 'CS',
    staff: { email: 'other.distributor@demo.example', firstName: 'Otto', lastName: 'Distributor' },
  },
] as const;

const RESELLERS: ResellerPlan[] = [
  { key: 'card', distributorKey: 'northwind', name: 'Cardinal IT Services', email: 'hello@cardinal-it.example',
    staff: { email: 'reseller.card@demo.example', firstName: 'Carla', lastName: 'Card' }, paymentMethod: 'credit_card', markupPercent: 20, customers: 80 },
  { key: 'cash', distributorKey: 'northwind', name: 'Cashmere Cloud Partners', email: 'team@cashmere-cloud.example',
    staff: { email: 'reseller.cash@demo.example', firstName: 'Casey', lastName: 'Cash' }, paymentMethod: 'cash', markupPercent: 15, customers: 110 },
  { key: 'deposit', distributorKey: 'northwind', name: 'Depot Digital', email: 'sales@depot-digital.example',
    staff: { email: 'reseller.deposit@demo.example', firstName: 'Dev', lastName: 'Deposit' }, paymentMethod: 'deposit', markupPercent: 25, customers: 70 },
  { key: 'other', distributorKey: 'contoso', name: 'Orbit Systems', email: 'info@orbit-systems.example',
    staff: { email: 'other.reseller@demo.example', firstName: 'Olivia', lastName: 'Reseller' }, paymentMethod: 'cash', markupPercent: 18, customers: 50 },
];

/** The buyer's company: a customer of the cash reseller whose orders need approval. */
export const BUYER_CUSTOMER_KEY = 'customer:cash:0';
const ORDERS_PER_DISTRIBUTOR = { northwind: 1700, contoso: 400 } as const;

export interface DemoDataSet {
  distributors: Record<string, unknown>[];
  resellers: Record<string, unknown>[];
  customers: ReturnType<typeof buildCustomer>[];
  users: Record<string, unknown>[];
  products: ReturnType<typeof buildProducts>;
  orders: ReturnType<typeof buildOrder>[];
  priceLevels: StoredLevel[];
  counters: { _id: string; seq: number }[];
  /** Notes on customer records (seed/demo-notes.ts); watch notes and tracking are set on customers and orders. */
  customerNotes: Record<string, unknown>[];
  /** Storefront logos (seed/demo-branding.ts); the reseller carries its accent colour and the logo's facts. */
  resellerLogos: Record<string, unknown>[];
  /** Invoices, credit notes, their payments and numbering counters (seed/demo-invoices.ts). */
  invoices: Record<string, unknown>[];
  payments: Record<string, unknown>[];
  invoiceCounters: { _id: string; seq: number; pending: null }[];
}

/** Builds the whole demo data set in memory; `passwordHash` is the hash of DEMO_PASSWORD. */
export function buildDemoData(passwordHash: string, now = new Date('2026-11-01T09:00:00Z')): DemoDataSet {
  const rnd = seededRandom(20261101);
  const blueHarborTeams = new Map<string, { tenant: Tenant; team: ReturnType<typeof blueHarborTeam> }>();
  const data: DemoDataSet = { distributors: [], resellers: [], customers: [], users: [], products: [], orders: [], priceLevels: [], counters: [], customerNotes: [], resellerLogos: [], invoices: [], payments: [], invoiceCounters: [] };

  for (const d of DISTRIBUTORS) {
    const distributorId = demoId(`distributor:${d.key}`);
    data.distributors.push({ _id: distributorId, name: d.name, workspaceUrl: d.workspaceUrl, currency: 'EUR', orderPrefix: d.prefix, createdAt: now, updatedAt: now });
    data.users.push(staff(d.staff, 'distributor', { distributorId }, passwordHash, now));
    const products = buildProducts(distributorId, d.prefix, now);
    data.products.push(...products);

    const tenants: Tenant[] = [];
    for (const r of RESELLERS.filter((x) => x.distributorKey === d.key)) {
      const resellerId = demoId(`reseller:${r.key}`);
      const contact = { name: r.name, contactName: `${r.staff.firstName} ${r.staff.lastName}`, contactEmail: r.email, phone: '+30 210 555 0100', city: 'Athens' };
      data.resellers.push({
        _id: resellerId, distributorId, ...contact, ...resellerDerivedFields(contact), country: 'Greece', paymentMethod: r.paymentMethod,
        markupPercent: r.markupPercent, status: 'active', revision: 1, createdAt: now, updatedAt: now,
        ...(r.key === 'cash' ? { branding: demoBranding(now, distributorId).branding } : {}),
      });
      if (r.key === 'cash') data.resellerLogos.push(demoBranding(now, distributorId).logo);
      data.users.push(staff(r.staff, 'reseller', { distributorId, resellerId }, passwordHash, now));
      // A colleague who has not activated yet: the distributor can send them a new link from the reseller's page.
      if (r.key === 'deposit') data.users.push({ ...staff({ email: 'pat.pending@demo.example', firstName: 'Pat', lastName: 'Pending' }, 'reseller', { distributorId, resellerId }, passwordHash, now), passwordHash: null, state: 'pending_activation' });
      const levels = buildDemoPriceLevels({ key: r.key, distributorId, resellerId, markupPercent: r.markupPercent }, products, now);
      data.priceLevels.push(...levels.levels);
      for (let i = 0; i < r.customers; i++) {
        const customer = buildCustomer(rnd, { key: `customer:${r.key}:${i}`, distributorId, resellerId, resellerName: r.name, index: i, now });
        const { fields, pricing } = demoCustomerPricing(levels, resellerId, i);
        Object.assign(customer, fields);
        if (`customer:${r.key}:${i}` === BUYER_CUSTOMER_KEY) {
          Object.assign(customer, { companyName: 'Blue Harbor Trading Ltd', email: 'accounts@blueharbor.example', active: true, orderApprovalRequired: true });
          Object.assign(customer, customerDerivedFields(customer));
        }
        data.customers.push(customer);
        tenants.push({ distributorId, resellerId, resellerName: r.name, pricing, approvalForced: r.paymentMethod === 'credit_card', customer });
        const users = storefrontUsers(rnd, customer, i, passwordHash, now);
        data.users.push(...users);
        if (`customer:${r.key}:${i}` === BUYER_CUSTOMER_KEY) {
          assignBlueHarborRoles(users);
          const team = blueHarborTeam(customer, passwordHash, now);
          data.users.push(...team);
          blueHarborTeams.set(distributorId.toHexString(), { tenant: tenants.at(-1)!, team });
        }
      }
    }
    let seq = 0;
    const nextNumber = () => `${d.prefix}-${String(++seq).padStart(6, '0')}`;
    for (let i = 0; i < ORDERS_PER_DISTRIBUTOR[d.key]; i++) {
      const tenant = rnd.pick(tenants);
      const number = nextNumber();
      data.orders.push(buildOrder(rnd, { tenant, products, number, now, id: demoId(`order:${number}`) }));
    }
    const blueHarbor = blueHarborTeams.get(distributorId.toHexString());
    if (blueHarbor) data.orders.push(...blueHarborWaitingOrders(blueHarbor.tenant, products, blueHarbor.team, nextNumber, now, (n) => demoId(`order:${n}`)));
    data.counters.push({ _id: `order-number:${distributorId.toHexString()}`, seq });
  }
  const paymentOf = new Map(data.resellers.map((r) => [(r._id as Types.ObjectId).toHexString(), r.paymentMethod as string]));
  applyApprovalRules(data.customers, data.orders, paymentOf, demoId('reseller:cash'), demoId(BUYER_CUSTOMER_KEY));
  applyDerivedCustomerFields(data);
  data.customerNotes = buildDemoRecords(data, now).notes;
  const invoicing = buildDemoInvoices(data as never, now);
  data.invoices = invoicing.invoices;
  data.payments = invoicing.payments;
  data.invoiceCounters = invoicing.counters;
  return data;
}

export function staff(
  who: { email: string; firstName: string; lastName: string },
  role: 'distributor' | 'reseller',
  ids: { distributorId: Types.ObjectId; resellerId?: Types.ObjectId },
  passwordHash: string,
  now: Date,
) {
  return {
    _id: demoId(`user:${who.email}`), email: who.email, loginRealm: 'staff', passwordHash, role,
    distributorId: ids.distributorId, resellerId: ids.resellerId ?? null, customerId: null,
    firstName: who.firstName, lastName: who.lastName, language: 'en', dateFormat: 'DD/MM/YYYY', state: 'active',
    lastSignInAt: null, createdAt: now, updatedAt: now,
  };
}

function storefrontUsers(rnd: Random, customer: ReturnType<typeof buildCustomer>, index: number, passwordHash: string, now: Date) {
  if (customer.companyName === 'Blue Harbor Trading Ltd') {
    return [
      buildStorefrontUser(rnd, customer, { email: 'buyer@demo.example', firstName: 'Bea', lastName: 'Buyer', state: 'active', passwordHash, now }),
      buildStorefrontUser(rnd, customer, { state: 'pending_activation', passwordHash: null, now }),
    ];
  }
  // About a third of customers have no storefront users at all; the rest cover every state.
  if (index % 3 === 2) return [];
  const count = rnd.int(1, 3);
  return Array.from({ length: count }, (_, n) => {
    const state = n === 0 ? rnd.pick(['active', 'active', 'pending_activation', 'deactivated'] as const) : rnd.pick(['active', 'pending_activation', 'deactivated'] as const);
    return buildStorefrontUser(rnd, customer, { state, passwordHash: state === 'pending_activation' ? null : passwordHash, now });
  });
}

/** Storefront access and run rate follow from the users and orders, as the services keep them. */
export function applyDerivedCustomerFields(data: Pick<DemoDataSet, 'customers' | 'users' | 'orders'>): void {
  const byId = new Map(data.customers.map((c) => [c._id.toHexString(), c]));
  for (const u of data.users) {
    if (u.role === 'storefront' && u.state === 'active') {
      const c = byId.get((u.customerId as Types.ObjectId).toHexString());
      if (c) c.storefrontAccess = true;
    }
  }
  for (const o of data.orders) {
    if (o.status === 'executed' && o.subscriptionActive) {
      const c = byId.get(o.customerId.toHexString());
      if (c) c.monthlyRunRateCents += o.monthlyAmountCents;
    }
  }
}
