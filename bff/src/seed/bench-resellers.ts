import { hashPassword } from '../auth/password.js';
import { Reseller } from '../resellers/reseller.model.js';
import { User } from '../users/user.model.js';
import { demoId } from './demo-ids.js';
import { seedBulk } from './bulk.js';
import { DEMO_PASSWORD, staff } from './demo-data.js';

export interface BenchReseller {
  key: string;
  name: string;
  staffEmail: string;
  customers: number;
  orders: number;
}

/**
 * A multi-tenant benchmark data set under the demo distributor: new resellers (`bench-1`, …), each
 * with a staff account (`bench.reseller.1@demo.example`, the demo password) and its own customers,
 * storefront users and orders, bulk-inserted (seedBulk).
 */
export async function seedBenchResellers(
  sizes: { customers: number; orders: number }[],
  onProgress: (line: string) => void = () => {},
): Promise<BenchReseller[]> {
  const distributorId = demoId('distributor:northwind');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  const made: BenchReseller[] = [];
  for (const [i, size] of sizes.entries()) {
    const n = i + 1;
    const key = `bench-${n}`;
    const resellerId = demoId(`reseller:${key}`);
    const name = `Bench Reseller ${String(n).padStart(3, '0')}`;
    const staffEmail = `bench.reseller.${n}@demo.example`;
    // Through the model for its defaults, then inserted raw like the rest of the seed.
    const reseller = new Reseller({ _id: resellerId, distributorId, name, contactEmail: staffEmail, paymentMethod: 'cash', markupPercent: 15, createdAt: now, updatedAt: now }).toObject();
    await Reseller.collection.insertOne(reseller as never);
    await User.collection.insertOne(staff({ email: staffEmail, firstName: 'Bench', lastName: `Reseller ${n}` }, 'reseller', { distributorId, resellerId }, passwordHash, now) as never);
    await seedBulk({ ...size, resellerKey: key, onProgress: (line) => onProgress(`reseller ${n}/${sizes.length}: ${line}`) });
    made.push({ key, name, staffEmail, ...size });
  }
  return made;
}
