import type { Role } from '@app/shared';
import { Types } from 'mongoose';
import { customerDerivedFields } from '../customers/customer-keys.js';
import { demoId, type Random } from './demo-ids.js';
import type { CustomerPricing } from '../price-levels/customer-pricing.js';
import { defaultPriceLevelIdOf } from '../resellers/default-price-level.js';
import { COMPANY_FIRST, COMPANY_SECOND, COMPANY_SUFFIX, FIRST_NAMES, LAST_NAMES, PLACES, PRODUCTS, STREETS } from './vocabulary.js';

const DAY = 86_400_000;
const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();

export function buildProducts(distributorId: Types.ObjectId, prefix: string, now: Date) {
  return PRODUCTS.map((p, i) => ({
    _id: demoId(`product:${distributorId.toHexString()}:${i}`),
    distributorId,
    sku: `${prefix}-${String(1000 + i)}`,
    name: p.name,
    category: p.category,
    unitCostCents: p.cost,
    billing: p.billing as 'one_time' | 'monthly',
    provisioning: p.provisioning as 'automatic' | 'manual',
    active: true,
    createdAt: now,
    updatedAt: now,
  }));
}

export function buildCustomer(
  rnd: Random,
  o: { key?: string; distributorId: Types.ObjectId; resellerId: Types.ObjectId; resellerName: string; index: number; now: Date },
) {
  const name = `${rnd.pick(COMPANY_FIRST)} ${rnd.pick(COMPANY_SECOND)} ${rnd.pick(COMPANY_SUFFIX)}`;
  const place = rnd.pick(PLACES);
  const slug = `${ascii(name).slice(0, 18)}-${o.index}`;
  const customer = {
    _id: o.key ? demoId(o.key) : new Types.ObjectId(),
    distributorId: o.distributorId,
    resellerId: o.resellerId,
    resellerName: o.resellerName,
    companyName: name,
    email: `accounts@${slug}.example`,
    phone: `${place.phone} ${rnd.int(100, 999)} ${rnd.int(1000, 9999)}`,
    address: `${rnd.int(1, 220)} ${rnd.pick(STREETS)}`,
    city: place.city,
    country: place.country,
    state: place.state,
    postcode: place.postcode,
    active: !rnd.chance(0.12),
    orderApprovalRequired: rnd.chance(0.35),
    storefrontAccess: false,
    monthlyRunRateCents: 0,
    priceLevels: [] as { category: string; levelId: Types.ObjectId }[],
    priceLevelIds: [defaultPriceLevelIdOf(o.resellerId)],
    revision: 1,
    createdAt: new Date(o.now.getTime() - rnd.int(30, 900) * DAY),
    updatedAt: o.now,
  };
  return { ...customer, ...customerDerivedFields(customer) };
}
type CustomerSeed = ReturnType<typeof buildCustomer>;

export function buildStorefrontUser(
  rnd: Random,
  customer: CustomerSeed,
  o: { email?: string; firstName?: string; lastName?: string; state: 'pending_activation' | 'active' | 'deactivated'; passwordHash: string | null; now: Date },
) {
  const firstName = o.firstName ?? rnd.pick(FIRST_NAMES);
  const lastName = o.lastName ?? rnd.pick(LAST_NAMES);
  const domain = customer.email.split('@')[1];
  const _id = demoId(`user:${customer._id.toHexString()}:${firstName}:${lastName}:${rnd.next()}`);
  return {
    _id,
    email: o.email ?? `${ascii(firstName)}.${ascii(lastName)}.${_id.toHexString().slice(-4)}@${domain}`,
    loginRealm: customer.resellerId.toHexString(),
    passwordHash: o.passwordHash,
    role: 'storefront' as const,
    distributorId: customer.distributorId,
    resellerId: customer.resellerId,
    customerId: customer._id,
    firstName,
    lastName,
    language: rnd.pick(['en', 'en', 'el', 'de']),
    dateFormat: rnd.pick(['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD']),
    state: o.state,
    lastSignInAt: o.state === 'active' ? new Date(o.now.getTime() - rnd.int(0, 60) * DAY) : null,
    createdAt: new Date(o.now.getTime() - rnd.int(10, 400) * DAY),
    updatedAt: o.now,
  };
}

export interface Tenant {
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId;
  resellerName: string;
  /** The customer's prices (its levels), from the one pricing function. */
  pricing: Pick<CustomerPricing, 'price'>;
  /** Whether the reseller pays by card (approval forced) is folded into `approvalRequired`. */
  approvalForced?: boolean;
  customer: CustomerSeed;
}

type ProductSeed = ReturnType<typeof buildProducts>[number];
const priced = ({ unitPriceCents, levelName }: { unitPriceCents: number; levelName: string }) => ({ unitPriceCents, levelName });

export function buildOrder(rnd: Random, o: { tenant: Tenant; products: ProductSeed[]; number: string; now: Date; id?: Types.ObjectId }) {
  const { tenant, products } = o;
  const lines = Array.from({ length: rnd.int(1, 3) }, () => {
    const p = rnd.pick(products);
    const quantity = p.billing === 'monthly' ? rnd.int(1, 25) : rnd.int(1, 3);
    return {
      productId: p._id, sku: p.sku, name: p.name, billing: p.billing, provisioning: p.provisioning, quantity,
      unitCostCents: p.unitCostCents, ...priced(tenant.pricing.price(p, quantity)),
    };
  });
  const totalCostCents = lines.reduce((s, l) => s + l.unitCostCents * l.quantity, 0);
  const totalAmountCents = lines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
  const monthlyAmountCents = lines.filter((l) => l.billing === 'monthly').reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
  const hasManual = lines.some((l) => l.provisioning === 'manual');
  const approval = tenant.approvalForced || tenant.customer.orderApprovalRequired;

  let status = rnd.pick(['executed', 'executed', 'executed', 'in_progress', 'pending_approval', 'pending_approval', 'canceled'] as const) as
    | 'executed' | 'in_progress' | 'pending_approval' | 'canceled';
  if (status === 'pending_approval' && !approval) status = 'executed';
  if (status === 'in_progress' && !hasManual) status = 'executed';
  const byCustomer = status === 'pending_approval' || (approval && rnd.chance(0.6)) || rnd.chance(0.3);

  const orderedAt = new Date(o.now.getTime() - rnd.int(0, 540) * DAY - rnd.int(0, 86_000) * 1000);
  const placedName = byCustomer ? `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}` : tenant.resellerName;
  const history: { at: Date; from: string | null; to: string; byUserId: null; byName: string; byRole: Role; note: string }[] = [];
  const first = byCustomer && approval ? 'pending_approval' : hasManual ? 'in_progress' : 'executed';
  history.push({ at: orderedAt, from: null, to: first, byUserId: null, byName: placedName, byRole: byCustomer ? 'storefront' : 'reseller', note: 'Order placed' });
  let current = first;
  const later = (h: number) => new Date(orderedAt.getTime() + h * 3_600_000);
  if (current === 'pending_approval' && status !== 'pending_approval') {
    const next = status === 'canceled' && rnd.chance(0.5) ? 'canceled' : hasManual ? 'in_progress' : 'executed';
    history.push({ at: later(5), from: current, to: next, byUserId: null, byName: tenant.resellerName, byRole: 'reseller', note: next === 'canceled' ? 'Declined by the reseller' : 'Approved' });
    current = next;
  }
  if (current === 'in_progress' && status !== 'in_progress') {
    const next = status === 'canceled' ? 'canceled' : 'executed';
    history.push({ at: later(30), from: current, to: next, byUserId: null, byName: 'Distributor operations', byRole: 'distributor', note: next === 'executed' ? 'Provisioned' : 'Canceled by the distributor' });
    current = next;
  }
  if (current === 'executed' && status === 'canceled') status = 'executed';

  return {
    _id: o.id ?? new Types.ObjectId(),
    distributorId: tenant.distributorId,
    resellerId: tenant.resellerId,
    customerId: tenant.customer._id,
    resellerName: tenant.resellerName,
    customerName: tenant.customer.companyName,
    number: o.number,
    placedBy: { kind: byCustomer ? ('customer' as const) : ('reseller' as const), userId: null, name: placedName },
    lines,
    totalCostCents,
    totalAmountCents,
    monthlyAmountCents,
    subscriptionActive: current === 'executed' && monthlyAmountCents > 0 && !rnd.chance(0.1),
    currency: 'EUR',
    status: current as 'executed' | 'in_progress' | 'pending_approval' | 'canceled',
    orderedAt,
    history,
    createdAt: orderedAt,
    updatedAt: history.at(-1)!.at,
  };
}
