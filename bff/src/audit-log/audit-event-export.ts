import { AUDIT_ACTION_LABELS, type AuditAction, type AuditEventRow, type AuditEventView } from '@app/shared';
import { cursorRows } from '../exports/cursor-rows.js';
import type { ExportColumn, ExportContent } from '../exports/xlsx-export.js';
import type { Actor } from '../tenancy/actor.js';
import { findAuditEvents } from './audit-event-list.js';
import { presentAuditEvent } from './audit-event.presenter.js';
import { allResellerNames } from './reseller-names.js';

const changesInWords = (e: AuditEventRow) => e.changes.map((c) => `${c.field}: ${c.from ?? '—'} → ${c.to ?? '—'}`).join('\n');

/** The log's columns: who, what (action, object, each change before → after), which reseller and customer, when, from where. */
const columns = (withReseller: boolean): ExportColumn<AuditEventRow>[] => [
  { header: 'When', width: 18, type: 'date', withTime: true, value: (e) => new Date(e.at) },
  { header: 'Who', width: 24, type: 'text', value: (e) => e.actor.name },
  { header: 'Email', width: 30, type: 'text', value: (e) => e.actor.email ?? '' },
  { header: 'Role', width: 12, type: 'text', value: (e) => e.actor.role },
  { header: 'Action', width: 30, type: 'text', value: (e) => AUDIT_ACTION_LABELS[e.action as AuditAction] ?? e.action },
  { header: 'Object', width: 30, type: 'text', value: (e) => e.target.label ?? '' },
  ...(withReseller ? [{ header: 'Reseller', width: 26, type: 'text', value: (e) => e.resellerName ?? '' } satisfies ExportColumn<AuditEventRow>] : []),
  { header: 'Customer', width: 30, type: 'text', value: (e) => e.customerName ?? '' },
  { header: 'Changes', width: 60, type: 'text', value: changesInWords },
  { header: 'Address', width: 18, type: 'text', value: (e) => e.ip ?? '' },
  { header: 'Browser', width: 40, type: 'text', value: (e) => e.userAgent ?? '' },
];

/** The audit log's current view as AuditLog.xlsx: every matching event of the caller's subtree. */
export function auditEventExport(actor: Actor, q: AuditEventView): ExportContent<AuditEventRow> {
  const events = cursorRows(findAuditEvents(actor, q).lean());
  // A reseller's staff read their own reseller's events only: the column would say the same on every row.
  const withReseller = actor.principal.role === 'distributor';
  return {
    columns: columns(withReseller),
    rows: (async function* () {
      const names = withReseller ? await allResellerNames(actor.scope) : new Map<string, string>();
      for await (const e of events) yield presentAuditEvent(e as Parameters<typeof presentAuditEvent>[0], actor.principal, names);
    })(),
  };
}
