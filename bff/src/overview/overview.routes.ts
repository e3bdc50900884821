import { overviewSchema, ROLES } from '@app/shared';
import { defineRoute } from '../http/route.js';
import { getOverview } from './overview.service.js';

export const overviewRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/overview',
    tag: 'overview',
    summary: "Counts for the signed-in persona's home page, inside its own subtree",
    access: 'session',
    roles: ROLES,
    success: { status: 200, description: 'Counts', schema: overviewSchema },
    handler: ({ principal, scope }) => getOverview(principal, scope),
  }),
];
