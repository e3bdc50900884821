import { healthSchema } from '@app/shared';
import { pingDatabase } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import { defineRoute } from '../http/route.js';

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
];
