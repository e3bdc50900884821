import { z } from 'zod';

/**
 * Roles inside a customer's own company, for its storefront users. `admin` manages the company's
 * users and does everything a buyer and an approver do; `buyer` places orders; `approver` approves
 * the company's orders before they go to the reseller; `viewer` (accounts) only follows them.
 */
export const COMPANY_ROLES = ['admin', 'buyer', 'approver', 'viewer'] as const;
export const companyRoleSchema = z.enum(COMPANY_ROLES, { error: 'Choose a role' }).meta({ id: 'CompanyRole' });
export type CompanyRole = z.infer<typeof companyRoleSchema>;

export const COMPANY_ROLE_LABEL: Record<CompanyRole, string> = {
  admin: 'Admin',
  buyer: 'Buyer',
  approver: 'Approver',
  viewer: 'Viewer / accounts',
};

export const COMPANY_ROLE_HINT: Record<CompanyRole, string> = {
  admin: "Manages the company's users, orders and approves",
  buyer: 'Places orders',
  approver: "Approves the company's orders before they go to the reseller",
  viewer: 'Sees orders; places nothing',
};

/** An amount of money in the major unit (euros), as a form takes it: up to 2 decimals. */
const amount = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .positive(`${label} must be more than 0`)
    .max(100_000_000, `${label} must be at most 100,000,000`)
    .refine((n) => Math.round(n * 100) === Number((n * 100).toFixed(6)), `${label} has at most 2 decimals`);

/** A storefront user's role and spending limits (null: no limit); the reseller's staff and the company's admin set them. */
export const setCompanyRoleSchema = z
  .object({
    companyRole: companyRoleSchema,
    orderLimit: amount('The per-order limit').nullable().default(null),
    monthlyLimit: amount('The monthly limit').nullable().default(null),
  })
  .meta({ id: 'SetCompanyRole' });
export type SetCompanyRole = z.infer<typeof setCompanyRoleSchema>;

/**
 * When a customer's orders wait for the reseller's approval, by precedence: the distributor's
 * credit-card rule (always), then `always`, a buyer's spending limits, `above` an amount (the order
 * total ≥ it, in the customer's currency), `never`.
 */
export const APPROVAL_MODES = ['always', 'above', 'never'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];
export const APPROVAL_MODE_LABEL: Record<ApprovalMode, string> = {
  always: 'Always',
  above: 'Above an amount',
  never: 'Never',
};

export const approvalRuleSchema = z
  .object({
    mode: z.enum(APPROVAL_MODES, { error: 'Choose when orders need approval' }),
    /** The order total from which an order waits (mode `above` only). */
    aboveAmount: amount('The amount').nullable().default(null),
  })
  .refine((r) => r.mode !== 'above' || r.aboveAmount !== null, { path: ['aboveAmount'], message: 'Enter the amount from which orders need approval' })
  .meta({ id: 'ApprovalRule' });
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;

/** Why an order waits (or waited), kept on the order: the rule that made it wait, with its figures. */
export const APPROVAL_REASONS = ['card', 'always', 'order_limit', 'monthly_limit', 'above', 'company', 'credit_limit', 'overdue'] as const;
export type ApprovalReasonCode = (typeof APPROVAL_REASONS)[number];
export const approvalReasonSchema = z
  .object({
    code: z.enum(APPROVAL_REASONS),
    /** The figure compared (the order total, or the buyer's month with this order) and the threshold it met. */
    amount: z.number().nullable(),
    threshold: z.number().nullable(),
    /** The sentence shown on the approval card: "waits because: total €1,240.00 ≥ €1,000.00". */
    text: z.string(),
  })
  .meta({ id: 'ApprovalReason' });
export type ApprovalReason = z.infer<typeof approvalReasonSchema>;
