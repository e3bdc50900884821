import type { Types } from 'mongoose';
import type { AuditEventRow } from '@app/shared';
import type { ResellerNames } from './reseller-names.js';

type Shown = string | number | boolean | null;

/** A stored before/after value as the log shows it: scalars as they are, dates as ISO, the rest as JSON. */
function shown(value: unknown): Shown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** What the presenter reads of a stored event; fields added later may be absent on older ones. */
interface StoredEvent {
  _id: Types.ObjectId;
  at: Date;
  // Required in the schema; mongoose types nested paths as optional.
  actor?: { name: string; role: string; email?: string | null } | null;
  action: string;
  target?: { type: string; id: Types.ObjectId; label?: string | null } | null;
  resellerId?: Types.ObjectId | null;
  customerId?: Types.ObjectId | null;
  customerName?: string | null;
  changes?: unknown;
  ip?: string | null;
  userAgent?: string | null;
}

/** Who reads the log: a reseller's staff sees the distributor's staff who acted in its subtree by name and role, not their email. */
export interface AuditViewer {
  role: string;
}

/**
 * One audit event as the log shows it: who (name, email, role — not their id), what (the action, the
 * object and each changed field before → after), which reseller and customer, when, and from where
 * (address, browser).
 */
export function presentAuditEvent(e: StoredEvent, viewer: AuditViewer, resellerNames: ResellerNames): AuditEventRow {
  const actorAbove = viewer.role === 'reseller' && e.actor?.role === 'distributor';
  return {
    id: e._id.toHexString(),
    at: e.at.toISOString(),
    actor: { name: e.actor?.name ?? '', email: actorAbove ? null : (e.actor?.email ?? null), role: e.actor?.role ?? '' },
    action: e.action,
    target: { type: e.target?.type ?? '', id: e.target?.id.toHexString() ?? '', label: e.target?.label ?? null },
    resellerId: e.resellerId ? e.resellerId.toHexString() : null,
    resellerName: e.resellerId ? (resellerNames.get(e.resellerId.toHexString()) ?? null) : null,
    customerId: e.customerId ? e.customerId.toHexString() : null,
    customerName: e.customerName ?? null,
    changes: Object.entries((e.changes ?? {}) as Record<string, { from?: unknown; to?: unknown } | null>).map(([field, change]) => ({
      field,
      from: shown(change?.from),
      to: shown(change?.to),
    })),
    ip: e.ip ?? null,
    userAgent: e.userAgent ?? null,
  };
}
