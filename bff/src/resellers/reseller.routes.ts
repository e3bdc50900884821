import { resellerListSchema } from '@app/shared';
import { defineRoute } from '../http/route.js';
import { resellerPolicy } from '../policies/reseller.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Reseller } from './reseller.model.js';

export const resellerRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/resellers',
    tag: 'resellers',
    summary: "The distributor's resellers (names and payment methods)",
    access: 'session',
    roles: resellerPolicy.roles('reseller.list'),
    success: { status: 200, description: 'Resellers', schema: resellerListSchema },
    async handler({ scope }) {
      const items = await scoped(Reseller.find({}, { name: 1, paymentMethod: 1 }).sort({ name: 1, _id: 1 }), scope).lean();
      return { items: items.map((r) => ({ id: r._id.toHexString(), name: r.name, paymentMethod: r.paymentMethod })) };
    },
  }),
];
