import { hashPassword } from '../auth/password.js';
import { Customer } from '../customers/customer.model.js';
import { nextSequence } from '../orders/counter.model.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { User } from '../users/user.model.js';
import { demoId, seededRandom } from './demo-ids.js';
import { pricingFrom, type StoredLevel } from '../price-levels/customer-pricing.js';
import { PriceLevel } from '../price-levels/price-level.model.js';
import { buildCustomer, buildOrder, buildStorefrontUser } from './builders.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { insertInBatches } from './load.js';

export interface BulkOptions {
  customers: number;
  orders: number;
  /** Which demo reseller receives the data: card, cash, deposit or other. */
  resellerKey: string;
  onProgress?: (line: string) => void;
}

const BATCH = 5000;

/** The collections a bulk seed fills (their PostgreSQL indexes are built after it: withPostgresIndexesDeferred). */
export const BULK_COLLECTIONS = [Order, Customer, User].map((m) => m.collection.collectionName);

/**
 * Adds a large data set to one demo reseller for benchmarks, with bulk inserts. Orders are
 * generated and inserted batch by batch; customers go in last, carrying the run rate their
 * orders add up to.
 */
export async function seedBulk(opts: BulkOptions): Promise<{ customers: number; orders: number }> {
  const progress = opts.onProgress ?? (() => {});
  const resellerId = demoId(`reseller:${opts.resellerKey}`);
  const reseller = await Reseller.collection.findOne({ _id: resellerId });
  if (!reseller) throw new Error(`No demo reseller "${opts.resellerKey}" (card, cash, deposit or other)`);
  const products = (await Product.collection.find({ distributorId: reseller.distributorId }).toArray()) as never[];
  const rnd = seededRandom(opts.customers * 31 + opts.orders + [...opts.resellerKey].reduce((h, c) => h * 31 + c.charCodeAt(0), 0) % 100_003);
  const now = new Date();
  // Each order at its customer's prices (its levels, else the default), as the services price them.
  const levels = (await PriceLevel.collection.find({ resellerId }).toArray()) as unknown as StoredLevel[];

  const customers = Array.from({ length: opts.customers }, (_, i) =>
    buildCustomer(rnd, { distributorId: reseller.distributorId, resellerId, resellerName: reseller.name as string, index: 100_000 + i, now }),
  );
  const pool = customers.length > 0 ? customers : await existingCustomers(resellerId);
  if (pool.length === 0) throw new Error('No customers to place orders for');

  const counterKey = `order-number:${String(reseller.distributorId)}`;
  let seq = (await nextSequence(counterKey, opts.orders)) - opts.orders;
  const prefix = opts.resellerKey === 'other' ? 'CS' : 'NW';
  const runRate = new Map<(typeof pool)[number], number>();
  for (let done = 0; done < opts.orders; ) {
    const size = Math.min(BATCH, opts.orders - done);
    const batch = Array.from({ length: size }, () => {
      const customer = rnd.pick(pool);
      const pricing = pricingFrom(levels, { resellerId, priceLevels: customer.priceLevels });
      const tenant = { distributorId: reseller.distributorId, resellerId, resellerName: reseller.name as string,
        pricing, approvalForced: reseller.paymentMethod === 'credit_card', customer };
      const order = buildOrder(rnd, { tenant, products, number: `${prefix}-${String(++seq).padStart(7, '0')}`, now });
      if (order.status === 'executed' && order.subscriptionActive) runRate.set(customer, (runRate.get(customer) ?? 0) + order.monthlyAmountCents);
      return order;
    });
    await Order.collection.insertMany(batch as never[], { ordered: false });
    done += size;
    progress(`orders ${done}/${opts.orders}`);
  }

  if (customers.length > 0) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users = [];
    for (const [i, c] of customers.entries()) {
      c.monthlyRunRateCents += runRate.get(c) ?? 0;
      if (i % 2 === 0) {
        users.push(buildStorefrontUser(rnd, c, { state: 'active', passwordHash, now }));
        c.storefrontAccess = true;
      }
    }
    for (let i = 0; i < customers.length; i += BATCH) {
      await insertInBatches(Customer, customers.slice(i, i + BATCH), BATCH);
      progress(`customers ${Math.min(i + BATCH, customers.length)}/${customers.length}`);
    }
    await insertInBatches(User, users, BATCH);
  } else {
    for (const [c, cents] of runRate) {
      await Customer.collection.updateOne({ _id: c._id }, { $inc: { monthlyRunRateCents: cents } });
    }
  }
  return { customers: customers.length, orders: opts.orders };
}

async function existingCustomers(resellerId: ReturnType<typeof demoId>) {
  return (await Customer.collection.find({ resellerId }).toArray()) as unknown as ReturnType<typeof buildCustomer>[];
}
