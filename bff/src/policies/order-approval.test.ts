import { describe, expect, it } from 'vitest';
import { approvalReasonText, approvalRuleOf, approvalSteps, type ApprovalQuestion } from './order-approval.js';

const buyer = (o: Partial<NonNullable<ApprovalQuestion['buyer']>> = {}): NonNullable<ApprovalQuestion['buyer']> => ({
  companyRole: 'buyer',
  orderLimitCents: null,
  monthlyLimitCents: null,
  monthSpentCents: 0,
  ...o,
});
const ask = (o: Partial<ApprovalQuestion>): ApprovalQuestion => ({
  paymentMethod: 'cash',
  customer: { approvalRule: { mode: 'never', aboveCents: null } },
  totalCents: 50_000,
  buyer: buyer(),
  companyHasApprovers: false,
  ...o,
});
const above = (cents: number) => ({ approvalRule: { mode: 'above', aboveCents: cents } });

describe('the approval rule table: the first rule that applies makes the order wait', () => {
  const rows: [string, ApprovalQuestion, string | null][] = [
    ['credit card beats never', ask({ paymentMethod: 'credit_card' }), 'card'],
    ['credit card beats a limit', ask({ paymentMethod: 'credit_card', buyer: buyer({ orderLimitCents: 1 }) }), 'card'],
    ['always', ask({ customer: { approvalRule: { mode: 'always' } } }), 'always'],
    ['always beats a limit', ask({ customer: { approvalRule: { mode: 'always' } }, buyer: buyer({ orderLimitCents: 1 }) }), 'always'],
    ['per-order limit exceeded', ask({ buyer: buyer({ orderLimitCents: 49_999 }) }), 'order_limit'],
    ['per-order limit met exactly: no wait', ask({ buyer: buyer({ orderLimitCents: 50_000 }) }), null],
    ['monthly limit exceeded with this order', ask({ buyer: buyer({ monthlyLimitCents: 100_000, monthSpentCents: 60_000 }) }), 'monthly_limit'],
    ['monthly limit reached exactly: no wait', ask({ buyer: buyer({ monthlyLimitCents: 110_000, monthSpentCents: 60_000 }) }), null],
    ['limit beats above', ask({ customer: above(1), buyer: buyer({ orderLimitCents: 1 }) }), 'order_limit'],
    ['above: total ≥ amount', ask({ customer: above(50_000) }), 'above'],
    ['above: total below amount', ask({ customer: above(50_001) }), null],
    ['never', ask({}), null],
    ['old switch on reads as always', ask({ customer: { orderApprovalRequired: true } }), 'always'],
    ['old switch off reads as never', ask({ customer: { orderApprovalRequired: false } }), null],
    ['staff ordering on the customer’s behalf wait for nobody', ask({ paymentMethod: 'credit_card', buyer: null }), null],
  ];
  it.each(rows)('%s', (_name, q, code) => {
    expect(approvalSteps(q).reseller?.code ?? null).toBe(code);
  });

  it('a buyer’s order waits for the company first when it has approvers; an admin’s or an approver’s own does not', () => {
    expect(approvalSteps(ask({ companyHasApprovers: true })).company?.code).toBe('company');
    expect(approvalSteps(ask({ companyHasApprovers: false })).company).toBeNull();
    expect(approvalSteps(ask({ companyHasApprovers: true, buyer: buyer({ companyRole: 'admin' }) })).company).toBeNull();
    expect(approvalSteps(ask({ companyHasApprovers: true, buyer: buyer({ companyRole: 'approver' }) })).company).toBeNull();
  });

  it('keeps the figures it compared and says them as the approval card does', () => {
    const r = approvalSteps(ask({ totalCents: 124_000, customer: above(100_000) })).reseller!;
    expect(r).toEqual({ code: 'above', amountCents: 124_000, thresholdCents: 100_000 });
    expect(approvalReasonText(r, 'EUR')).toBe('total €1,240.00 ≥ €1,000.00');
  });

  it('reads a rule stored incompletely as the old switch', () => {
    expect(approvalRuleOf({ approvalRule: { mode: 'above', aboveCents: null }, orderApprovalRequired: true })).toEqual({ mode: 'always', aboveCents: null });
  });
});
