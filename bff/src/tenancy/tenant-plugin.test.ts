import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';
import { systemScope } from './scope.js';
import { scoped, scopedDoc, UnscopedAccessError, unsafeUnscoped } from './tenant-plugin.js';

useTestDatabase();

const northwind = demoId('distributor:northwind');
const contoso = demoId('distributor:contoso');
const cash = demoId('reseller:cash');
const card = demoId('reseller:card');
const buyerCustomer = demoId('customer:cash:0');

const distributorScope = systemScope({ distributorId: northwind });
const cashScope = systemScope({ distributorId: northwind, resellerId: cash });
const buyerScope = systemScope({ distributorId: northwind, resellerId: cash, customerId: buyerCustomer });

describe('queries without a scope are refused', () => {
  it.each([
    ['find', () => Customer.find({})],
    ['findOne', () => Customer.findOne({})],
    ['findById', () => Customer.findById(buyerCustomer)],
    ['countDocuments', () => Order.countDocuments({})],
    ['distinct', () => Customer.distinct('city')],
    ['updateOne', () => Customer.updateOne({ _id: buyerCustomer }, { $set: { city: 'X' } })],
    ['updateMany', () => Customer.updateMany({}, { $set: { city: 'X' } })],
    ['deleteMany', () => Order.deleteMany({})],
    ['findOneAndUpdate', () => Customer.findOneAndUpdate({ _id: buyerCustomer }, { $set: { city: 'X' } })],
    ['estimatedDocumentCount', () => Customer.estimatedDocumentCount()],
  ])('%s throws UnscopedAccessError', async (_name, run) => {
    await expect(run()).rejects.toBeInstanceOf(UnscopedAccessError);
  });

  it('aggregate throws', async () => {
    await expect(Order.aggregate([{ $match: {} }])).rejects.toBeInstanceOf(UnscopedAccessError);
  });

  it.each([
    ['$lookup', [{ $lookup: { from: 'customers', localField: 'customerId', foreignField: '_id', as: 'c' } }]],
    ['$graphLookup', [{ $graphLookup: { from: 'resellers', startWith: '$resellerId', connectFromField: '_id', connectToField: '_id', as: 'r' } }]],
    ['$unionWith', [{ $unionWith: { coll: 'orders' } }]],
    ['$out', [{ $match: {} }, { $out: 'stolen' }]],
    ['$merge', [{ $merge: { into: 'orders' } }]],
    ['$lookup', [{ $facet: { a: [{ $match: {} }], b: [{ $lookup: { from: 'users', pipeline: [], as: 'u' } }] } }]],
    ['$unionWith', [{ $facet: { a: [{ $facet: { deeper: [{ $unionWith: 'customers' }] } }] } }]],
  ])('a scoped pipeline with %s (also inside $facet) is refused before it runs, and writes nothing', async (stage, pipeline) => {
    const collectionsBefore = (await Order.db.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    const run = scoped(Order.aggregate(pipeline as never[]), cashScope);
    await expect(run).rejects.toThrow(new RegExp(`\\${stage}`));
    await expect(scoped(Order.aggregate(pipeline as never[]), cashScope)).rejects.toBeInstanceOf(UnscopedAccessError);
    expect((await Order.db.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort()).toEqual(collectionsBefore);
  });

  it('a scoped pipeline of stages that stay in the collection still runs', async () => {
    const [result] = await scoped(Order.aggregate<{ n: number }>([{ $match: {} }, { $group: { _id: null, n: { $sum: 1 } } }]), cashScope);
    expect(result!.n).toBe(await Order.collection.countDocuments({ resellerId: cash }));
  });

  it('saving a new document without a scope throws, and nothing is written', async () => {
    const doc = new Product({ distributorId: northwind, sku: 'X-1', name: 'x', category: 'x', unitCostCents: 1, billing: 'one_time', provisioning: 'automatic' });
    await expect(doc.save()).rejects.toBeInstanceOf(UnscopedAccessError);
    expect(await unsafeUnscoped(Product.countDocuments({ sku: 'X-1' }), 'test')).toBe(0);
  });

  it('insertMany and bulkWrite are refused on tenant collections', async () => {
    await expect(Customer.insertMany([{}])).rejects.toBeInstanceOf(UnscopedAccessError);
    await expect(Customer.bulkWrite([{ deleteMany: { filter: {} } }])).rejects.toBeInstanceOf(UnscopedAccessError);
  });

  it('unsafeUnscoped needs a reason', () => {
    expect(() => unsafeUnscoped(Customer.find({}), ' ')).toThrow(/reason/);
  });
});

describe('scoped queries see only their subtree', () => {
  it('a reseller scope counts only its own customers', async () => {
    const all = await unsafeUnscoped(Customer.countDocuments({}), 'test');
    const mine = await scoped(Customer.countDocuments({}), cashScope);
    const raw = await Customer.collection.countDocuments({ resellerId: cash });
    expect(mine).toBe(raw);
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(all);
  });

  it('a caller filter naming another tenant finds nothing instead of escaping the scope', async () => {
    expect(await scoped(Customer.find({ resellerId: card }), cashScope)).toHaveLength(0);
    expect(await scoped(Reseller.findById(card), cashScope)).toBeNull();
    expect(await scoped(Reseller.findById(cash), cashScope)).not.toBeNull();
  });

  it('a distributor scope never reaches the other distributor', async () => {
    const other = await Customer.collection.findOne({ distributorId: contoso });
    expect(other).not.toBeNull();
    expect(await scoped(Customer.findById(other!._id), distributorScope)).toBeNull();
    const resellers = await scoped(Reseller.find({}), distributorScope);
    expect(resellers.map((r) => r.name).sort()).toEqual(['Cardinal IT Services', 'Cashmere Cloud Partners', 'Depot Digital']);
  });

  it('a storefront scope sees its own customer, its own orders and users, and the shared catalogue', async () => {
    const customers = await scoped(Customer.find({}), buyerScope);
    expect(customers.map((c) => String(c._id))).toEqual([String(buyerCustomer)]);
    const orders = await scoped(Order.find({}), buyerScope);
    expect(orders.every((o) => o.customerId.equals(buyerCustomer))).toBe(true);
    const users = await scoped(User.find({}), buyerScope);
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => u.customerId?.equals(buyerCustomer))).toBe(true);
    expect(await scoped(Product.countDocuments({}), buyerScope)).toBe(await Product.collection.countDocuments({ distributorId: northwind }));
  });

  it('scoped aggregates start with the tenant match', async () => {
    const rows = await scoped(Order.aggregate<{ _id: Types.ObjectId }>([{ $group: { _id: '$resellerId' } }]), cashScope);
    expect(rows.map((r) => String(r._id))).toEqual([String(cash)]);
  });

  it('a scoped update cannot move a document to another tenant', async () => {
    await expect(scoped(Customer.updateOne({ _id: buyerCustomer }, { $set: { resellerId: card } }), cashScope)).rejects.toBeInstanceOf(UnscopedAccessError);
    const after = await Customer.collection.findOne({ _id: buyerCustomer });
    expect(String(after!.resellerId)).toBe(String(cash));
  });

  it('a scoped save accepts its own tenant and refuses another', async () => {
    const base = { sku: `T-${Date.now()}`, name: 'Test', category: 'Test', unitCostCents: 100, billing: 'one_time', provisioning: 'automatic' };
    await scopedDoc(new Product({ ...base, distributorId: northwind }), distributorScope).save();
    await expect(scopedDoc(new Product({ ...base, sku: `${base.sku}b`, distributorId: contoso }), distributorScope).save()).rejects.toBeInstanceOf(UnscopedAccessError);
    expect(await Product.collection.countDocuments({ sku: `${base.sku}b` })).toBe(0);
  });

  it('scoped cursors are filtered too', async () => {
    const ids: string[] = [];
    for await (const c of scoped(Customer.find({}).select({ resellerId: 1 }), cashScope).cursor()) ids.push(String(c.resellerId));
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set([String(cash)]));
  });

  it('a foreign id that does not exist at all looks the same as one outside the scope', async () => {
    expect(await scoped(Customer.findById(new Types.ObjectId()), cashScope)).toBeNull();
  });
});
