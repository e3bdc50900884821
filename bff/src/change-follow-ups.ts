import { onChangeOf } from './audit/audit-outbox.js';
import { refreshStorefrontAccessOfUser } from './customers/customer-access.js';
import { alsoFindCustomersBy } from './customers/customer-list.js';
import { customersWithOrderNumber } from './orders/order-number-search.js';
import { Order } from './orders/order.model.js';
import { refreshRunRateOfOrder } from './orders/run-rate.js';
import { User } from './users/user.model.js';

/*
 * Where features meet without importing each other both ways, wired once for the whole app.
 * Follow-ups: what every change of a model's documents must be followed by (the live write path
 * and start-up recovery run the same functions; each is idempotent).
 */
onChangeOf(User, refreshStorefrontAccessOfUser);
onChangeOf(Order, refreshRunRateOfOrder);

// The customer grid's search finds a customer by one of its order numbers.
alsoFindCustomersBy(customersWithOrderNumber);
