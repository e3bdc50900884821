import { healthDetailsSchema, healthSchema } from '@app/shared';
import { deliveryQueueFigures } from '../deliveries/delivery.service.js';
import { pingDatabase } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import { defineRoute } from '../http/route.js';
import { deliveryPolicy } from '../policies/delivery.js';

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    tag: 'operations',
    summary: 'Liveness with a database round trip: 200 when the database answers, 503 when not',
    access: 'public',
    success: { status: 200, description: 'The database answers', schema: healthSchema },
    errors: [503],
    async handler({ res }) {
      res.setHeader('Cache-Control', 'no-store');
      try {
        await pingDatabase();
      } catch {
        throw new AppError('database_unavailable', 'The database is not answering.');
      }
      return { status: 'ok' as const };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/health/details',
    tag: 'operations',
    summary: 'For a distributor’s staff: the outgoing messages queue of its tree (waiting, sending, failed, the oldest waiting)',
    access: 'session',
    roles: deliveryPolicy.roles('delivery.figures'),
    success: { status: 200, description: 'The figures', schema: healthDetailsSchema },
    async handler({ scope, res }) {
      res.setHeader('Cache-Control', 'no-store');
      return { status: 'ok' as const, deliveries: await deliveryQueueFigures(scope) };
    },
  }),
];
