import type { Types } from 'mongoose';
import { approvalSteps, storedApproval } from '../policies/order-approval.js';
import { buildOrder, buildStorefrontUser, type Tenant } from './builders.js';
import { seededRandom } from './demo-ids.js';

/*
 * The customer's own organisation in the demo: Blue Harbor's roles and limits, its orders waiting
 * at each approval step, a cash-reseller customer approving "above €1,000", and every waiting
 * order's reason. A random source of its own, so the rest of the demo data stays as it was.
 */

type User = ReturnType<typeof buildStorefrontUser> & { companyRole?: string; orderLimitCents?: number | null; monthlyLimitCents?: number | null };
type Order = ReturnType<typeof buildOrder> & { approval?: unknown };
type Customer = Tenant['customer'] & { approvalRule?: { mode: string; aboveCents: number | null } };

const rnd = () => seededRandom(20261207);

/** Blue Harbor's people beside its admin (buyer@demo.example): two buyers with a monthly limit, an approver, an accounts user. */
export function blueHarborTeam(customer: Tenant['customer'], passwordHash: string, now: Date): User[] {
  const r = rnd();
  const person = (email: string, firstName: string, lastName: string, companyRole: string, monthlyLimitCents: number | null = null): User => ({
    ...buildStorefrontUser(r, customer, { email, firstName, lastName, state: 'active', passwordHash, now }),
    language: 'en',
    companyRole,
    orderLimitCents: null,
    monthlyLimitCents,
  });
  return [
    person('bob.buyer@demo.example', 'Bob', 'Marsh', 'buyer', 500_000),
    person('carla.buyer@demo.example', 'Carla', 'Reyes', 'buyer', 300_000),
    person('approver@demo.example', 'Alex', 'Approver', 'approver'),
    person('accounts@demo.example', 'Ana', 'Counts', 'viewer'),
  ];
}

/** The admin of Blue Harbor is the long-standing demo buyer; its pending user is a buyer. */
export function assignBlueHarborRoles(users: Omit<User, 'companyRole'>[]): void {
  for (const u of users as User[]) u.companyRole = u.email === 'buyer@demo.example' ? 'admin' : 'buyer';
}

/**
 * Blue Harbor's waiting orders at both steps: two of Bob's waiting for Alex (the company step),
 * and one of Carla's that Alex approved and that waits for the reseller (the customer's rule: always).
 */
export function blueHarborWaitingOrders(tenant: Tenant, products: Parameters<typeof buildOrder>[1]['products'], team: User[], numbers: () => string, now: Date, idOf: (n: string) => Types.ObjectId): Order[] {
  const r = rnd();
  const [bob, carla, alex] = team;
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
  const make = (buyer: User, hoursAgo: number, approved: boolean): Order => {
    const number = numbers();
    const base = buildOrder(r, { tenant, products, number, now, id: idOf(number) });
    const placedAt = at(hoursAgo);
    const name = `${buyer.firstName} ${buyer.lastName}`;
    const history = [{ at: placedAt, from: null, to: 'pending_company_approval', byUserId: buyer._id, byName: name, byRole: 'storefront', note: 'Order placed' }] as unknown as typeof base.history;
    if (approved) history.push({ at: at(hoursAgo - 2), from: 'pending_company_approval', to: 'pending_approval', byUserId: alex!._id, byName: `${alex!.firstName} ${alex!.lastName}`, byRole: 'storefront', note: 'Approved for Blue Harbor' } as never);
    return {
      ...base,
      placedBy: { kind: 'customer', userId: buyer._id as never, name },
      status: (approved ? 'pending_approval' : 'pending_company_approval') as never,
      subscriptionActive: false,
      orderedAt: placedAt,
      history,
      createdAt: placedAt,
      updatedAt: history.at(-1)!.at,
      approval: { company: { code: 'company', amountCents: null, thresholdCents: null }, reseller: { code: 'always', amountCents: null, thresholdCents: null } },
    };
  };
  return [make(bob!, 20, false), make(bob!, 3, false), make(carla!, 30, true)];
}

/**
 * The first cash-reseller customer (after Blue Harbor) whose waiting orders all reach €1,000
 * approves "above €1,000"; then every order a customer placed that waited for the reseller keeps
 * the reason the rule table gives.
 */
export function applyApprovalRules(customers: Customer[], orders: Order[], paymentOf: Map<string, string>, cashResellerId: Types.ObjectId, skip: Types.ObjectId): void {
  const ABOVE = 100_000;
  const byCustomer = new Map<string, Order[]>();
  for (const o of orders) byCustomer.set(o.customerId.toHexString(), [...(byCustomer.get(o.customerId.toHexString()) ?? []), o]);
  const above = customers.find(
    (c) =>
      c.resellerId.equals(cashResellerId) && !c._id.equals(skip) && c.orderApprovalRequired &&
      (byCustomer.get(c._id.toHexString()) ?? []).filter((o) => o.status === 'pending_approval').every((o) => o.totalAmountCents >= ABOVE) &&
      (byCustomer.get(c._id.toHexString()) ?? []).some((o) => o.status === 'pending_approval'),
  );
  if (above) Object.assign(above, storedApproval({ mode: 'above', aboveCents: ABOVE }));
  const customerOf = new Map(customers.map((c) => [c._id.toHexString(), c]));
  for (const o of orders) {
    if (o.approval || o.placedBy.kind !== 'customer' || o.history[0]?.to !== 'pending_approval') continue;
    const customer = customerOf.get(o.customerId.toHexString());
    if (!customer) continue;
    const steps = approvalSteps({
      paymentMethod: paymentOf.get(o.resellerId.toHexString()) ?? 'cash',
      customer,
      totalCents: o.totalAmountCents,
      buyer: { companyRole: 'admin', orderLimitCents: null, monthlyLimitCents: null, monthSpentCents: 0 },
      companyHasApprovers: false,
    });
    o.approval = { company: null, reseller: steps.reseller };
  }
}
