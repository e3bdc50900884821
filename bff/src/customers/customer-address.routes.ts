import { deliveryOptionsSchema, idParamsSchema } from '@app/shared';
import { defineRoute } from '../http/route.js';
import { customerPolicy } from '../policies/customer.js';
import { deliveryOptions } from './customer-addresses.js';
import { getCustomer } from './customer.service.js';

export const customerAddressRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/customers/:id/delivery-addresses',
    tag: 'customers',
    summary: 'The addresses an order of this customer can ship to (checkout’s choice); a storefront user’s own company only',
    access: 'session',
    roles: customerPolicy.roles('customer.placeOrder'),
    params: idParamsSchema,
    success: { status: 200, description: 'The addresses, the preferred one marked', schema: deliveryOptionsSchema },
    async handler({ scope, params }) {
      const { customer } = await getCustomer(scope, params.id);
      return { items: deliveryOptions(customer) };
    },
  }),
];
