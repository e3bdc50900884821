import { Types } from 'mongoose';
import type { AuditAction } from '@app/shared';
import type { Actor } from '../tenancy/actor.js';
import { scopedDoc } from '../tenancy/tenant-plugin.js';
import { AuditEvent } from './audit-event.model.js';

export interface AuditEntry {
  action: AuditAction;
  /** `label`: what the object is called now (company name, order number, person's name). */
  target: { type: string; id: Types.ObjectId; label?: string | null };
  /**
   * Where the target sits in the tree; defaults to the caller's own place. Give both for anything
   * below a reseller: the audit log is scoped by these, so an event about a customer must name it.
   */
  resellerId?: Types.ObjectId | null;
  customerId?: Types.ObjectId | null;
  /** The customer's name, when the event concerns a customer or anything of it. */
  customerName?: string | null;
  changes?: Record<string, { from: unknown; to: unknown }> | null;
}

/** One audit event as stored: who did what to which object, when and from where. */
export interface AuditEventRecord {
  _id: Types.ObjectId;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId | null;
  customerId: Types.ObjectId | null;
  at: Date;
  actor: { userId: Types.ObjectId | null; role: string; name: string; email: string | null };
  action: string;
  target: { type: string; id: Types.ObjectId; label: string | null };
  customerName: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export function auditEventFor(actor: Actor, entry: AuditEntry, at = new Date()): AuditEventRecord {
  const { principal, client } = actor;
  return {
    _id: new Types.ObjectId(),
    distributorId: principal.distributorId,
    resellerId: entry.resellerId !== undefined ? entry.resellerId : principal.resellerId,
    customerId: entry.customerId !== undefined ? entry.customerId : principal.customerId,
    at,
    actor: { userId: principal.userId, role: principal.role, name: principal.displayName, email: principal.email },
    action: entry.action,
    target: { type: entry.target.type, id: entry.target.id, label: entry.target.label ?? null },
    customerName: entry.customerName ?? null,
    // None rather than an empty object: the direct reads cannot decode an empty object FerretDB stored.
    changes: entry.changes && Object.keys(entry.changes).length > 0 ? entry.changes : null,
    ip: client.ip,
    userAgent: client.userAgent,
    requestId: client.requestId,
  };
}

/**
 * Records an event that changes nothing else (an SSO hand-off, a link sent). A change to a
 * document carries its event in the same write instead: see audit-outbox.ts.
 */
export async function recordAudit(actor: Actor, entry: AuditEntry): Promise<void> {
  await scopedDoc(new AuditEvent(auditEventFor(actor, entry)), actor.scope).save();
}

/** The fields that differ between two records, as `{ field: { from, to } }`. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = (before as Record<string, unknown>)[key];
    if (from !== to) changes[key] = { from, to };
  }
  return changes;
}
