import { auditEventListQuerySchema, auditEventListSchema } from '@app/shared';
import { defineRoute } from '../http/route.js';
import { auditEventPolicy } from '../policies/audit-event.js';
import { listAuditEventPage } from './audit-event-list.js';
import { presentAuditEvent } from './audit-event.presenter.js';

export const auditEventRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/audit-events',
    tag: 'audit',
    summary: 'One page of the audit log of the caller’s subtree, newest first (or oldest), filtered by customer, object, actor, action and time',
    access: 'session',
    roles: auditEventPolicy.roles('auditEvent.list'),
    query: auditEventListQuerySchema,
    success: { status: 200, description: 'A page of audit events', schema: auditEventListSchema },
    async handler({ actor, query }) {
      const page = await listAuditEventPage(actor, query);
      return { items: page.items.map(presentAuditEvent), total: page.total, nextCursor: page.nextCursor };
    },
  }),
];
