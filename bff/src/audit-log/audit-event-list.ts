import { Types, type QueryFilter as FilterQuery } from 'mongoose';
import type { AuditEventListQuery, AuditEventView } from '@app/shared';
import { forbidden } from '../errors/app-error.js';
import { escapeRegex } from '../lib/escape-regex.js';
import { afterCursor, keysetSort, nextCursorOf, totalIfAsked, type KeysetView } from '../lib/keyset-page.js';
import { auditEventPolicy } from '../policies/audit-event.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { AuditEvent, type AuditEventDoc } from '../audit/audit-event.model.js';
import { resellerNamesOf } from './reseller-names.js';

/*
 * The audit log as a list: one view (filters + sort by time) shared by every page, count and
 * export of it. The tenant plugin adds the caller's subtree to each query (a reseller's scope names
 * its reseller, so another reseller's events never match); the policy keeps storefront users out.
 */

/** The keyset view of a query: time, then _id; everything else that defines the view. */
export function auditKeysetView(q: AuditEventView): KeysetView {
  return { field: 'at', descending: q.sort !== 'at', view: [q.resellerId ?? '', q.customerId ?? '', q.targetId ?? '', q.actor ?? '', q.action ?? '', q.from ?? '', q.to ?? ''] };
}

/** The filter of a view (not its paging): reseller, customer, object, actor, action, time range. */
export function auditEventViewFilter(q: AuditEventView): FilterQuery<AuditEventDoc> {
  const filter: FilterQuery<AuditEventDoc> = {};
  if (q.resellerId) filter.resellerId = new Types.ObjectId(q.resellerId);
  if (q.customerId) filter.customerId = new Types.ObjectId(q.customerId);
  if (q.targetId) filter['target.id'] = new Types.ObjectId(q.targetId);
  if (q.action) filter.action = q.action;
  const actor = q.actor?.trim();
  if (actor) {
    const text = { $regex: escapeRegex(actor), $options: 'i' };
    filter.$or = [{ 'actor.name': text }, { 'actor.email': text }];
  }
  if (q.from || q.to) filter.at = { ...(q.from ? { $gte: new Date(q.from) } : {}), ...(q.to ? { $lt: new Date(q.to) } : {}) };
  return filter;
}

/** Refuses callers who may never read the audit log (storefront users), whatever the route said. */
function authorizeList(actor: Actor): void {
  auditEventPolicy.authorize(actor.principal, 'auditEvent.list', undefined, forbidden);
}

/**
 * Every event of a view inside the caller's subtree, in the view's order, as a query not yet run:
 * an export streams it (`.lean().cursor()`), a page narrows it. Checks the caller may read the log.
 */
export function findAuditEvents(actor: Actor, q: AuditEventView) {
  authorizeList(actor);
  return scoped(AuditEvent.find(auditEventViewFilter(q)).sort(keysetSort(auditKeysetView(q))), actor.scope);
}

/** One page of the audit log: after the cursor's row (keyset), or by offset for a jump; with the total when asked. */
export async function listAuditEventPage(actor: Actor, q: AuditEventListQuery) {
  authorizeList(actor);
  const view = auditKeysetView(q);
  const base = auditEventViewFilter(q);
  let query = AuditEvent.find(afterCursor(view, base, q.cursor)).sort(keysetSort(view)).limit(q.limit);
  if (!q.cursor && q.offset) query = query.skip(q.offset);
  const [items, total] = await Promise.all([scoped(query, actor.scope).lean(), totalIfAsked(q.total, () => countAuditEvents(actor.scope, base))]);
  const resellerNames = await resellerNamesOf(actor.scope, items.map((e) => e.resellerId));
  return { items, total, nextCursor: nextCursorOf(view, items, q.limit), resellerNames };
}

const countAuditEvents = (scope: Scope, filter: FilterQuery<AuditEventDoc>) => scoped(AuditEvent.countDocuments(filter), scope);
