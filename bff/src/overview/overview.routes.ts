import { overviewSchema, ROLES } from '@app/shared';
import { unlessUnchanged } from '../http/conditional-get.js';
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
    success: {
      status: 200,
      description: 'Counts, with an ETag; polled every few seconds, so send it back in If-None-Match and get 304 while nothing changed',
      schema: overviewSchema,
    },
    handler: async ({ req, res, principal, scope }) => unlessUnchanged(req, res, await getOverview(principal, scope)),
  }),
];
