import { describe, expect, it } from 'vitest';
import { invoiceStatus } from '../invoices/invoice.presenter.js';
import { buildDemoData } from './demo-data.js';

describe('the demo data set', () => {
  const data = buildDemoData('hash');

  it('is the same every time', () => {
    expect(JSON.stringify(buildDemoData('hash'))).toBe(JSON.stringify(data));
  });

  it('has every demo account, orders in every status and users in every state', () => {
    const emails = data.users.map((u) => u.email);
    for (const e of ['distributor@demo.example', 'reseller.card@demo.example', 'reseller.cash@demo.example', 'reseller.deposit@demo.example',
      'buyer@demo.example', 'other.distributor@demo.example', 'other.reseller@demo.example']) {
      expect(emails).toContain(e);
    }
    expect(new Set(data.orders.map((o) => o.status))).toEqual(new Set(['pending_company_approval', 'pending_approval', 'in_progress', 'executed', 'canceled']));
    expect(new Set(data.users.filter((u) => u.role === 'storefront').map((u) => u.state))).toEqual(new Set(['pending_activation', 'active', 'deactivated']));
    expect(data.customers.some((c) => !c.active)).toBe(true);
    expect(data.customers.some((c) => !c.storefrontAccess)).toBe(true);
    expect(data.customers.length).toBeGreaterThanOrEqual(200);
    expect(data.orders.length).toBeGreaterThanOrEqual(2000);
  });

  it('keeps pending approvals to customers whose orders need approval', () => {
    const customers = new Map(data.customers.map((c) => [String(c._id), c]));
    const cardReseller = String(data.resellers.find((r) => r.paymentMethod === 'credit_card')!._id);
    for (const o of data.orders.filter((x) => x.status === 'pending_approval')) {
      const c = customers.get(String(o.customerId))!;
      expect(c.orderApprovalRequired || String(c.resellerId) === cardReseller).toBe(true);
      expect(o.placedBy.kind).toBe('customer');
    }
  });

  it('makes the buyer an active storefront user of a cash-reseller customer that requires approval', () => {
    const buyer = data.users.find((u) => u.email === 'buyer@demo.example')!;
    const company = data.customers.find((c) => String(c._id) === String(buyer.customerId))!;
    const reseller = data.resellers.find((r) => String(r._id) === String(company.resellerId))!;
    expect(buyer.state).toBe('active');
    expect(company.orderApprovalRequired).toBe(true);
    expect(reseller.paymentMethod).toBe('cash');
  });

  it('gives Blue Harbor an admin, two buyers with a monthly limit, an approver and an accounts user; one cash customer approves above €1,000', () => {
    const team = data.users.filter((u) => u.customerId && data.customers.find((c) => c.companyName === 'Blue Harbor Trading Ltd')!._id.equals(u.customerId as never) && u.state === 'active');
    const roles = team.map((u) => (u as { companyRole?: string }).companyRole).sort();
    expect(roles).toEqual(['admin', 'approver', 'buyer', 'buyer', 'viewer']);
    expect(team.filter((u) => (u as { monthlyLimitCents?: number | null }).monthlyLimitCents).map((u) => (u as { companyRole?: string }).companyRole)).toEqual(['buyer', 'buyer']);
    const above = data.customers.filter((c) => (c as { approvalRule?: { mode: string; aboveCents: number } }).approvalRule?.mode === 'above');
    expect(above).toHaveLength(1);
    expect((above[0] as { approvalRule?: { aboveCents: number } }).approvalRule!.aboveCents).toBe(100_000);
  });

  it('has waiting orders at both steps, each with the rule that made it wait', () => {
    const statusOf = (o: { status: string }) => o.status;
    const waiting = data.orders.filter((o) => statusOf(o) === 'pending_company_approval' || statusOf(o) === 'pending_approval');
    expect(waiting.some((o) => statusOf(o) === 'pending_company_approval')).toBe(true);
    const approval = (o: (typeof waiting)[number]) => (o as { approval?: { company: unknown; reseller: { code: string } | null } }).approval;
    for (const o of waiting.filter((x) => x.placedBy.kind === 'customer')) expect(approval(o)?.[o.status === 'pending_approval' ? 'reseller' : 'company']).toBeTruthy();
    expect(new Set(waiting.map((o) => approval(o)?.reseller?.code))).toEqual(new Set(['always', 'card', 'above']));
  });

  it('shows the customer record: notes, watch-list notes (the buyer’s company among them) and tracking numbers the buyer sees', () => {
    expect(data.customerNotes.length).toBeGreaterThan(10);
    const buyer = data.users.find((u) => u.email === 'buyer@demo.example')!;
    const watched = data.customers.filter((c) => (c as { watchNote?: unknown }).watchNote);
    expect(watched.length).toBeGreaterThanOrEqual(4);
    expect(watched.map((c) => String(c._id))).toContain(String(buyer.customerId));
    const tracked = data.orders.filter((o) => (o as { tracking?: unknown[] }).tracking);
    expect(tracked.length).toBeGreaterThan(100);
    expect(tracked.every((o) => o.status === 'in_progress' || o.status === 'executed')).toBe(true);
    expect(tracked.some((o) => String(o.customerId) === String(buyer.customerId))).toBe(true);
  });

  it('shows customer details: ISO countries, trading names, VAT ids, other addresses (the buyer’s company ships elsewhere)', () => {
    const details = data.customers as unknown as Record<string, unknown>[];
    expect(details.every((c) => typeof c.countryCode === 'string')).toBe(true);
    expect(details.filter((c) => c.tradingName).length).toBeGreaterThan(20);
    expect(details.filter((c) => c.taxId).length).toBeGreaterThan(20);
    expect(details.filter((c) => c.billingAddress).length).toBeGreaterThan(5);
    const buyer = data.users.find((u) => u.email === 'buyer@demo.example')!;
    expect(details.find((c) => String(c._id) === String(buyer.customerId))!.deliveryAddress).toBeTruthy();
  });

  it('has months of invoices in every state, monthly subscription invoices, gapless numbers, a customer over its limit and one overdue', () => {
    type Inv = { kind: string; number: string; seq: number; resellerId: unknown; customerId: unknown; billingMonth: string | null; openCents: number; paidCents: number; creditedCents: number; totalCents: number; dueAt: Date | null; issuedAt: Date };
    const invoices = data.invoices as unknown as Inv[];
    // The demo's date is 1 November 2026; a month later, unpaid invoices due in November are overdue.
    const later = new Date('2026-12-07T00:00:00Z');
    const states = new Set(invoices.filter((i) => i.kind === 'invoice').map((i) => invoiceStatus(i as never, later)));
    expect(states).toEqual(new Set(['open', 'partly_paid', 'paid', 'overdue', 'credited']));
    expect(invoices.some((i) => i.kind === 'credit_note')).toBe(true);
    const monthly = invoices.filter((i) => i.billingMonth);
    expect(new Set(monthly.map((i) => i.billingMonth))).toEqual(new Set(['2026-08', '2026-09', '2026-10']));
    expect(new Set(monthly.map((i) => invoiceStatus(i as never, new Date('2026-11-02T00:00:00Z'))))).toEqual(new Set(['open', 'partly_paid', 'paid']));
    // Numbers per reseller, kind and year: 1, 2, 3 … with no gap, in the order of the issue dates.
    const byKey = new Map<string, Inv[]>();
    for (const i of invoices) byKey.set(`${i.kind}:${String(i.resellerId)}:${i.number.slice(0, 8)}`, [...(byKey.get(`${i.kind}:${String(i.resellerId)}:${i.number.slice(0, 8)}`) ?? []), i]);
    for (const docs of byKey.values()) {
      expect(docs.map((d) => d.seq)).toEqual(docs.map((_, n) => n + 1));
      expect(docs.every((d, n) => n === 0 || d.issuedAt >= docs[n - 1]!.issuedAt)).toBe(true);
    }
    const owed = new Map<string, number>();
    for (const i of invoices) if (i.kind === 'invoice') owed.set(String(i.customerId), (owed.get(String(i.customerId)) ?? 0) + i.openCents);
    const over = data.customers.filter((c) => {
      const limit = ((c as Record<string, unknown>).creditTerms as { creditLimitCents: number | null } | undefined)?.creditLimitCents;
      return limit !== null && limit !== undefined && (owed.get(String(c._id)) ?? 0) > limit;
    });
    expect(over.length).toBeGreaterThanOrEqual(1);
    expect(invoices.some((i) => i.kind === 'invoice' && i.openCents > 0 && i.dueAt! < new Date('2026-11-01T09:00:00Z'))).toBe(true);
  });
});
