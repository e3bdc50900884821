import { onChangeOf } from './audit/audit-outbox.js';
import { refreshStorefrontAccessOfUser } from './customers/customer-access.js';
import { customerFigureTargets } from './customers/customer-figures.js';
import { alsoFindCustomersBy } from './customers/customer-list.js';
import { Customer } from './customers/customer.model.js';
import { registerFigureSource, settleFiguresOf } from './figures/figure-sources.js';
import { orderFigureTargets } from './orders/order-figures.js';
import { customersWithOrderNumber } from './orders/order-number-search.js';
import { customersWithTrackingNumber } from './orders/order-tracking.js';
import { customersWithInvoiceNumber } from './invoices/invoice-number-search.js';
import { Order } from './orders/order.model.js';
import { refreshRunRateOfOrder } from './orders/run-rate.js';
import { issueInvoiceForOrder } from './invoices/issue-invoice.js';
import { Invoice } from './invoices/invoice.model.js';
import { invoiceFigureTargets } from './invoices/invoice-figures.js';
import { creditStanding } from './invoices/credit-standing.js';
import { askCreditWith } from './orders/order-credit.js';
import { User } from './users/user.model.js';

/*
 * Where features meet without importing each other both ways, wired once for the whole app.
 * Follow-ups: what every change of a model's documents must be followed by (the live write path
 * and start-up recovery run the same functions; each is idempotent).
 */

// Whose figures a change of each model's documents moves (figures/kept-figures.ts).
registerFigureSource(Order, orderFigureTargets);
registerFigureSource(Customer, customerFigureTargets);
// An invoice's balance is its customer's, its reseller's and its distributor's (like an order's
// counts); on the customer it also moves the credit headroom and the oldest open due date.
registerFigureSource(Invoice, invoiceFigureTargets);
onChangeOf(Invoice, async (id) => {
  await settleFiguresOf(Invoice, id);
});

onChangeOf(User, refreshStorefrontAccessOfUser);
onChangeOf(Customer, async (id) => {
  await settleFiguresOf(Customer, id);
});
// An order's change moves its counts, and may move its customer's run rate (and so its share).
onChangeOf(Order, async (id) => {
  const customerId = await refreshRunRateOfOrder(id);
  if (customerId) await settleFiguresOf(Customer, customerId);
  await settleFiguresOf(Order, id);
  // An executed order's invoice: issued once, and again here at start-up if a crash came between.
  await issueInvoiceForOrder(id);
});

// Placing an order asks where the customer stands on its invoices (credit decides approval).
askCreditWith(creditStanding);

// The customer grid's search finds a customer by one of its order numbers.
alsoFindCustomersBy(customersWithOrderNumber);
// And by a parcel's tracking number on one of its orders.
alsoFindCustomersBy(customersWithTrackingNumber);
// And by the number of one of its invoices or credit notes.
alsoFindCustomersBy(customersWithInvoiceNumber);
