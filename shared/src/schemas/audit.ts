import { z } from 'zod';
import { pageTotalSchema, withTotalSchema } from './paging.js';
import { objectIdSchema } from './common.js';
import { downloadTokenSchema } from './exports.js';

/**
 * Every kind of audit event the BFF writes: services name their events from this list (typed), the
 * audit log filters by it, and the web words each one (AUDIT_ACTION_LABELS).
 */
export const AUDIT_ACTIONS = [
  'customer.created',
  'customer.updated',
  'customer.activated',
  'customer.deactivated',
  'customer.order_approval_changed',
  'customer.sso.services',
  'customer.sso.subscriptions',
  'customer.sso.assets',
  'storefront_user.created',
  'storefront_user.activation_resent',
  'storefront_user.password_reset_sent',
  'storefront_user.activated',
  'storefront_user.deactivated',
  'storefront_user.role_changed',
  'account.activated',
  'account.password_reset',
  'account.profile_updated',
  'account.password_changed',
  'order.placed',
  'order.accepted',
  'order.canceled',
  'order.executed',
  'reseller.created',
  'reseller.updated',
  'reseller.payment_method_changed',
  'reseller.suspended',
  'reseller.reinstated',
  'reseller.branding_changed',
  'reseller.credit_settings_changed',
  'staff_user.created',
  'staff_user.activation_resent',
  'delivery.resent',
  'price_level.created',
  'price_level.updated',
  'price_level.deleted',
  'customer.price_levels_changed',
  'webhook.created',
  'webhook.paused',
  'webhook.resumed',
  'webhook.deleted',
  'customer.note_added',
  'customer.note_edited',
  'customer.note_deleted',
  'customer.watch_note_set',
  'customer.watch_note_cleared',
  'order.tracking_added',
  'order.tracking_removed',
  'customer.view_as_started',
  'customer.view_as_ended',
  'customer.credit_terms_changed',
  'invoice.issued',
  'credit_note.issued',
  'payment.recorded',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS).meta({ id: 'AuditAction' });
export type AuditAction = z.infer<typeof auditActionSchema>;

/** How people read each action (grid, filters, exports). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'customer.created': 'Customer created',
  'customer.updated': 'Customer updated',
  'customer.activated': 'Customer activated',
  'customer.deactivated': 'Customer deactivated',
  'customer.order_approval_changed': 'Order approval changed',
  'customer.sso.services': 'Opened services (SSO)',
  'customer.sso.subscriptions': 'Opened subscriptions (SSO)',
  'customer.sso.assets': 'Opened assets (SSO)',
  'storefront_user.created': 'Storefront user added',
  'storefront_user.activation_resent': 'Activation link resent',
  'storefront_user.password_reset_sent': 'Password reset link sent',
  'storefront_user.activated': 'Storefront user activated',
  'storefront_user.deactivated': 'Storefront user deactivated',
  'storefront_user.role_changed': 'Storefront user role or limits changed',
  'account.activated': 'Account activated',
  'account.password_reset': 'Password reset',
  'account.profile_updated': 'Own profile changed',
  'account.password_changed': 'Own password changed',
  'order.placed': 'Order placed',
  'order.accepted': 'Order accepted',
  'order.canceled': 'Order canceled',
  'order.executed': 'Order executed',
  'reseller.created': 'Reseller created',
  'reseller.updated': 'Reseller updated',
  'reseller.payment_method_changed': 'Payment method changed',
  'reseller.suspended': 'Reseller suspended',
  'reseller.reinstated': 'Reseller reinstated',
  'reseller.branding_changed': 'Storefront branding changed',
  'reseller.credit_settings_changed': 'Credit settings changed',
  'staff_user.created': 'Staff user added',
  'staff_user.activation_resent': 'Staff activation link resent',
  'delivery.resent': 'Message sent again',
  'price_level.created': 'Price level created',
  'price_level.updated': 'Price level changed',
  'price_level.deleted': 'Price level deleted',
  'customer.price_levels_changed': 'Price levels assigned',
  'webhook.created': 'Webhook endpoint registered',
  'webhook.paused': 'Webhook endpoint paused',
  'webhook.resumed': 'Webhook endpoint resumed',
  'webhook.deleted': 'Webhook endpoint deleted',
  'customer.note_added': 'Note added',
  'customer.note_edited': 'Note edited',
  'customer.note_deleted': 'Note deleted',
  'customer.watch_note_set': 'Watch-list note set',
  'customer.watch_note_cleared': 'Taken off the watch list',
  'order.tracking_added': 'Tracking number added',
  'order.tracking_removed': 'Tracking number removed',
  'customer.view_as_started': 'Viewed the storefront as a user',
  'customer.view_as_ended': 'Stopped viewing as a user',
  'customer.credit_terms_changed': 'Payment terms or credit changed',
  'invoice.issued': 'Invoice issued',
  'credit_note.issued': 'Credit note issued',
  'payment.recorded': 'Payment recorded',
};

export const AUDIT_SORTS = ['-at', 'at'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

/** An instant with its offset, e.g. the start of a local day as the browser computes it. */
const instant = z.iso.datetime({ offset: true, error: 'Must be a date-time, e.g. 2026-01-31T00:00:00Z' });

/**
 * What defines a view of the audit log: its filters and sort, not its paging. The list adds paging;
 * an export takes exactly this.
 */
export const auditEventViewSchema = z
  .object({
    sort: z.enum(AUDIT_SORTS).default('-at'),
    /** Events in one reseller's subtree (the reseller itself, its staff, customers and orders). */
    resellerId: objectIdSchema.optional(),
    /** Events about one customer or anything of it (its storefront users, its orders). */
    customerId: objectIdSchema.optional(),
    /** Events about one object only (a record page's history). */
    targetId: objectIdSchema.optional(),
    /** Part of the actor's name or email. */
    actor: z.string().trim().max(100, 'Actor must be at most 100 characters').optional(),
    action: auditActionSchema.optional(),
    /** From this instant on (inclusive). */
    from: instant.optional(),
    /** Before this instant (exclusive): the start of the day after the last day wanted. */
    to: instant.optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'The end must be after the start' });
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

export const auditEventListQuerySchema = auditEventViewSchema
  .safeExtend({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque cursor from the previous page's `nextCursor`. */
    cursor: z.string().max(500).optional(),
    /** For jumps without a cursor (a scrollbar dragged far down). */
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
    total: withTotalSchema,
  })
  .meta({ id: 'AuditEventListQuery' });
export type AuditEventListQuery = z.infer<typeof auditEventListQuerySchema>;

/** The export takes the log's view (filters and sort), never its paging. */
export const auditEventExportQuerySchema = auditEventViewSchema.safeExtend({ downloadToken: downloadTokenSchema }).meta({ id: 'AuditEventExportQuery' });
export type AuditEventExportQuery = z.infer<typeof auditEventExportQuerySchema>;

/** A changed field's value as shown: scalars as stored, anything else as text. */
const shownValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const auditEventRowSchema = z
  .object({
    id: objectIdSchema,
    at: z.iso.datetime(),
    actor: z.object({ name: z.string(), email: z.string().nullable(), role: z.string() }).meta({ id: 'AuditActor' }),
    /** One of AUDIT_ACTIONS for events written now; older events may carry others. */
    action: z.string(),
    target: z.object({ type: z.string(), id: objectIdSchema, label: z.string().nullable() }).meta({ id: 'AuditTarget' }),
    resellerId: objectIdSchema.nullable(),
    /** The reseller's name now (events keep its id). */
    resellerName: z.string().nullable(),
    customerId: objectIdSchema.nullable(),
    customerName: z.string().nullable(),
    changes: z.array(z.object({ field: z.string(), from: shownValue, to: shownValue })),
    /** Where the change came from, as recorded with the request. */
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: 'AuditEventRow' });
export type AuditEventRow = z.infer<typeof auditEventRowSchema>;

export const auditEventListSchema = z
  .object({ items: z.array(auditEventRowSchema), total: pageTotalSchema, nextCursor: z.string().nullable() })
  .meta({ id: 'AuditEventList' });
export type AuditEventList = z.infer<typeof auditEventListSchema>;
