import type { Request } from 'express';
import type { Types } from 'mongoose';
import type { Principal } from '../tenancy/principal.js';
import type { Scope } from '../tenancy/scope.js';
import { scopedDoc } from '../tenancy/tenant-plugin.js';
import { AuditEvent } from './audit-event.model.js';

export interface AuditEntry {
  action: string;
  target: { type: string; id: Types.ObjectId };
  /** Where the target sits in the tree; defaults to the caller's own place. */
  resellerId?: Types.ObjectId | null;
  customerId?: Types.ObjectId | null;
  changes?: Record<string, { from: unknown; to: unknown }> | null;
}

export interface Actor {
  principal: Principal;
  scope: Scope;
  req: Request;
}

/** Records who did what to which object, when and from where. */
export async function recordAudit(actor: Actor, entry: AuditEntry): Promise<void> {
  const { principal, scope, req } = actor;
  await scopedDoc(
    new AuditEvent({
      distributorId: principal.distributorId,
      resellerId: entry.resellerId !== undefined ? entry.resellerId : principal.resellerId,
      customerId: entry.customerId !== undefined ? entry.customerId : principal.customerId,
      at: new Date(),
      actor: { userId: principal.userId, role: principal.role, name: principal.displayName },
      action: entry.action,
      target: entry.target,
      changes: entry.changes ?? null,
      ip: req.ip ?? null,
      userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
      requestId: typeof req.id === 'string' ? req.id : null,
    }),
    scope,
  ).save();
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
