import type { ApprovalMode, ApprovalReason, ApprovalReasonCode, CompanyRole, PaymentMethod } from '@app/shared';

/*
 * When an order waits for approval, and why, decided here only: the order's placing, the customer
 * record, the approval card, exports and emails all ask these functions.
 */

/**
 * Rule 1: a reseller paying by credit card must approve every order of every customer, whatever
 * each customer's own rule says.
 */
export const approvalForcedBy = (paymentMethod: PaymentMethod | string | null | undefined): boolean => paymentMethod === 'credit_card';

/** A customer's rule as stored; customers from before rules have only the old switch. */
export interface StoredApproval {
  orderApprovalRequired?: boolean | null;
  approvalRule?: { mode?: string | null; aboveCents?: number | null } | null;
}

export interface CustomerApprovalRule {
  mode: ApprovalMode;
  aboveCents: number | null;
}

/** The customer's own rule: the stored one, or the old switch's meaning (on: always, off: never). */
export function approvalRuleOf(c: StoredApproval): CustomerApprovalRule {
  const mode = c.approvalRule?.mode;
  if (mode === 'always' || mode === 'never') return { mode, aboveCents: null };
  if (mode === 'above' && typeof c.approvalRule?.aboveCents === 'number') return { mode, aboveCents: c.approvalRule.aboveCents };
  return { mode: c.orderApprovalRequired ? 'always' : 'never', aboveCents: null };
}

/** The fields a rule is stored as; the old switch is kept in step (on while any order may wait) for the grid's filter. */
export const storedApproval = (rule: CustomerApprovalRule) => ({
  approvalRule: { mode: rule.mode, aboveCents: rule.mode === 'above' ? rule.aboveCents : null },
  orderApprovalRequired: rule.mode !== 'never',
});

/** The approval setting that applies to a customer, and why (the customer record shows it). */
export function effectiveApproval(customer: StoredApproval, paymentMethod: PaymentMethod | string) {
  const rule = approvalRuleOf(customer);
  const forcedByPaymentMethod = approvalForcedBy(paymentMethod);
  return {
    required: forcedByPaymentMethod || rule.mode !== 'never',
    customerSetting: rule.mode !== 'never',
    forcedByPaymentMethod,
    mode: forcedByPaymentMethod ? ('always' as const) : rule.mode,
    customerMode: rule.mode,
    aboveAmount: rule.aboveCents === null ? null : rule.aboveCents / 100,
  };
}

/** What placing an order is decided on. */
export interface ApprovalQuestion {
  paymentMethod: PaymentMethod | string;
  customer: StoredApproval;
  totalCents: number;
  /** The storefront user placing it; null when the reseller's staff order on the customer's behalf. */
  buyer: {
    companyRole: CompanyRole;
    orderLimitCents: number | null;
    monthlyLimitCents: number | null;
    /** What the buyer's other orders of this calendar month (not canceled) add up to. */
    monthSpentCents: number;
  } | null;
  /** The company has an active approver (or admin other than the buyer). */
  companyHasApprovers: boolean;
  /** Where the customer stands on its invoices (invoices/); absent: nothing owed, no limit. */
  credit?: CreditStanding;
}

/** What the credit rules look at: the balance, the limit, and how late the oldest unpaid invoice is. */
export interface CreditStanding {
  balanceCents: number;
  /** Null: no limit. */
  limitCents: number | null;
  /** Days the oldest open invoice is past its due date (0: none overdue). */
  overdueDays: number;
  /** The reseller's setting: an invoice overdue by more than this many days holds every order. */
  overdueAfterDays: number;
}

export interface StoredReason {
  code: ApprovalReasonCode;
  amountCents: number | null;
  thresholdCents: number | null;
}

/** The steps an order waits for, each with the rule that made it wait (null: not that step). */
export interface ApprovalSteps {
  company: StoredReason | null;
  reseller: StoredReason | null;
}

const reason = (code: ApprovalReasonCode, amountCents: number | null = null, thresholdCents: number | null = null): StoredReason => ({ code, amountCents, thresholdCents });

/** Roles whose own orders need no company approval: those who approve the company's orders. */
const COMPANY_DECIDERS: readonly CompanyRole[] = ['admin', 'approver'];

/**
 * The rule table. The company step: a buyer's order, in a company that has approvers. The reseller
 * step, first rule that applies: the credit-card rule; `always`; the buyer's per-order limit; the
 * buyer's monthly limit; `above` an amount; otherwise none. Orders the reseller's staff place on
 * the customer's behalf wait for nobody.
 */
export function approvalSteps(q: ApprovalQuestion): ApprovalSteps {
  if (!q.buyer) return { company: null, reseller: null };
  const company = q.companyHasApprovers && !COMPANY_DECIDERS.includes(q.buyer.companyRole) ? reason('company') : null;
  return { company, reseller: resellerReason(q, q.buyer) };
}

function resellerReason(q: ApprovalQuestion, buyer: NonNullable<ApprovalQuestion['buyer']>): StoredReason | null {
  // Credit decides first, whatever the other rules say: over the limit, or an invoice long overdue.
  const credit = creditReason(q.credit, q.totalCents);
  if (credit) return credit;
  const rule = approvalRuleOf(q.customer);
  if (approvalForcedBy(q.paymentMethod)) return reason('card');
  if (rule.mode === 'always') return reason('always');
  if (buyer.orderLimitCents !== null && q.totalCents > buyer.orderLimitCents) return reason('order_limit', q.totalCents, buyer.orderLimitCents);
  const month = buyer.monthSpentCents + q.totalCents;
  if (buyer.monthlyLimitCents !== null && month > buyer.monthlyLimitCents) return reason('monthly_limit', month, buyer.monthlyLimitCents);
  if (rule.mode === 'above' && rule.aboveCents !== null && q.totalCents >= rule.aboveCents) return reason('above', q.totalCents, rule.aboveCents);
  return null;
}

/** The credit rule: the balance with this order over the credit limit, or an invoice overdue by more than N days. */
export function creditReason(c: CreditStanding | undefined, totalCents: number): StoredReason | null {
  if (!c) return null;
  if (c.limitCents !== null && c.balanceCents + totalCents > c.limitCents) return reason('credit_limit', c.balanceCents + totalCents, c.limitCents);
  if (c.overdueDays > c.overdueAfterDays) return reason('overdue', c.overdueDays, c.overdueAfterDays);
  return null;
}

function money(cents: number | null, currency: string): string {
  if (cents === null) return '';
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/** The reason as the approval card says it, after "Waits because:". */
export function approvalReasonText(r: StoredReason, currency: string): string {
  const m = (c: number | null) => money(c, currency);
  switch (r.code) {
    case 'card':
      return 'the payment method set by the distributor requires approval of every order';
    case 'always':
      return "every order of this customer needs the reseller's approval";
    case 'order_limit':
      return `total ${m(r.amountCents)} > the buyer's per-order limit ${m(r.thresholdCents)}`;
    case 'monthly_limit':
      return `the buyer's orders this month ${m(r.amountCents)} > the monthly limit ${m(r.thresholdCents)}`;
    case 'above':
      return `total ${m(r.amountCents)} ≥ ${m(r.thresholdCents)}`;
    case 'company':
      return "placed by a buyer: the company's approvers approve it first";
    case 'credit_limit':
      return `what the customer owes with this order ${m(r.amountCents)} > its credit limit ${m(r.thresholdCents)}`;
    case 'overdue':
      return `an invoice of this customer is ${r.amountCents} days overdue (more than ${r.thresholdCents})`;
  }
}

/** A stored reason as the API shows it. */
export function presentApprovalReason(stored: StoredReasonFields | null | undefined, currency: string): ApprovalReason | null {
  if (!stored) return null;
  const r: StoredReason = { code: stored.code, amountCents: stored.amountCents ?? null, thresholdCents: stored.thresholdCents ?? null };
  const major = (c: number | null) => (c === null ? null : c / 100);
  // The overdue rule's figures are days, not money.
  const figure = r.code === 'overdue' ? (n: number | null) => n : major;
  return { code: r.code, amount: figure(r.amountCents), threshold: figure(r.thresholdCents), text: approvalReasonText(r, currency) };
}

type StoredReasonFields = { code: ApprovalReasonCode; amountCents?: number | null; thresholdCents?: number | null };
