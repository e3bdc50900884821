import { auditEventExportQuerySchema, auditEventListQuerySchema, auditEventListSchema } from '@app/shared';
import { exportRoute } from '../exports/export-route.js';
import { defineRoute } from '../http/route.js';
import { auditEventPolicy } from '../policies/audit-event.js';
import { auditEventExport } from './audit-event-export.js';
import { listAuditEventPage } from './audit-event-list.js';
import { presentAuditEvent } from './audit-event.presenter.js';

export const auditEventRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/audit-events',
    tag: 'audit',
    summary: 'One page of the audit log of the caller’s subtree, newest first (or oldest), filtered by reseller, customer, object, actor, action and time',
    access: 'session',
    roles: auditEventPolicy.roles('auditEvent.list'),
    query: auditEventListQuerySchema,
    success: { status: 200, description: 'A page of audit events', schema: auditEventListSchema },
    async handler({ actor, query }) {
      const page = await listAuditEventPage(actor, query);
      return { items: page.items.map((e) => presentAuditEvent(e, actor.principal, page.resellerNames)), total: page.total, nextCursor: page.nextCursor };
    },
  }),
  exportRoute({
    path: '/api/audit-events/export.xlsx',
    tag: 'audit',
    summary: 'The audit log’s current view (filters and sort) as an Excel workbook, streamed: who, what, when, from where',
    roles: auditEventPolicy.roles('auditEvent.list'),
    query: auditEventExportQuerySchema,
    title: 'AuditLog',
    build: auditEventExport,
  }),
];
