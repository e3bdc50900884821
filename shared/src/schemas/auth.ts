import { z } from 'zod';
import { ROLES } from '../auth/roles.js';
import { companyRoleSchema } from './company.js';
import { emailSchema, objectIdSchema } from './common.js';
import { viewingAsSchema } from './view-as.js';

export const loginRequestSchema = z
  .object({
    email: emailSchema,
    password: z.string().min(1, 'Enter your password').max(256),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The signed-in principal: who they are and where they sit in the tenancy tree. */
export const principalSchema = z
  .object({
    userId: objectIdSchema,
    role: z.enum(ROLES),
    email: z.string(),
    displayName: z.string(),
    distributorId: objectIdSchema,
    distributorName: z.string(),
    resellerId: objectIdSchema.nullable(),
    resellerName: z.string().nullable(),
    customerId: objectIdSchema.nullable(),
    customerName: z.string().nullable(),
    /** How the person reads dates and which language they speak (storefront users choose; staff get the defaults). */
    preferences: z.object({ language: z.string(), dateFormat: z.string() }).meta({ id: 'Preferences' }),
    /** What the principal may do where no one object decides it; the web shows controls from these. */
    abilities: z
      .object({
        listCustomers: z.boolean(),
        createCustomer: z.boolean(),
        exportCustomers: z.boolean(),
        /** Select customers in the grid and change them together (bulk bar). */
        bulkEditCustomers: z.boolean(),
        /** Import customers and their storefront users from a file (the Imports page). */
        importCustomers: z.boolean(),
        openWorkspace: z.boolean(),
        listResellers: z.boolean(),
        createReseller: z.boolean(),
        /** A reseller's page lists its staff users. */
        listResellerStaff: z.boolean(),
        placeOrders: z.boolean(),
        /** The Orders page: every order of the caller's customers. */
        browseOrders: z.boolean(),
        exportOrders: z.boolean(),
        approveOrders: z.boolean(),
        finishOrders: z.boolean(),
        viewAuditLog: z.boolean(),
        /** Settings → Webhooks: register endpoints, see their delivery logs. */
        manageWebhooks: z.boolean(),
        /** A company's admin: its Company users page. */
        manageCompanyUsers: z.boolean(),
        /** A reseller's staff: its storefront's accent colour and logo. */
        manageBranding: z.boolean(),
        /** A reseller's staff: after how many overdue days its customers' orders wait for approval. */
        manageCreditSettings: z.boolean(),
        /** Invoices: staff's Invoices page; a storefront's admins and accounts users see their company's. */
        viewInvoices: z.boolean(),
        /** Invoices.xlsx of the invoices view, and a customer's statement of account (xlsx). */
        exportInvoices: z.boolean(),
      })
      .meta({ id: 'PrincipalAbilities' }),
    /** A storefront user's role inside its company (null for staff). */
    companyRole: companyRoleSchema.nullable(),
    /** Staff looking at this storefront as this user (read-only); null when the user is themselves. */
    viewingAs: viewingAsSchema.nullable(),
  })
  .meta({ id: 'Principal' });
export type Principal = z.infer<typeof principalSchema>;

/**
 * GET /api/auth/session: whether anyone is signed in, always 200, so a signed-out page logs no
 * error. `ended` says a session existed and the server ended it (logout elsewhere, deactivation).
 */
export const sessionStateSchema = z
  .object({
    principal: principalSchema.nullable(),
    ended: z.boolean(),
    /** When the account itself may no longer sign in (deactivated, its reseller suspended): why, in words for its owner. */
    why: z.string().nullable(),
  })
  .meta({ id: 'SessionState' });
export type SessionState = z.infer<typeof sessionStateSchema>;
