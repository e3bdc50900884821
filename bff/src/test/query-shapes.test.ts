import { describe, expect, it } from 'vitest';
import { shapesOfFilter, unservedShapes, type QueryShape } from './query-shapes.js';

const shape = (s: Partial<QueryShape>): QueryShape => ({ collection: 'orders', op: 'find', eq: [], range: [], sort: [], caller: 'x.ts', ...s });
const declared = [{ collection: 'orders', indexes: [['distributorId', 'resellerId', 'orderedAt', '_id'], ['distributorId', 'customerId', 'orderedAt'], ['email']], tenantKey: 'distributorId' }];

describe('query shapes', () => {
  it('split a keyset filter into its $or branches, equality and range keys apart', () => {
    const filter = { distributorId: 1, status: { $in: ['a'] }, $or: [{ nameKey: { $gt: 'm' } }, { nameKey: 'm', _id: { $gt: 2 } }], searchText: { $regex: 'x' } };
    expect(shapesOfFilter(filter)).toEqual([
      { eq: ['distributorId', 'status'], range: ['nameKey'] },
      { eq: ['distributorId', 'nameKey', 'status'], range: ['_id'] },
    ]);
  });

  it('are served by an index with the tenant key first, then the sort; not otherwise', () => {
    const served = shape({ eq: ['distributorId', 'resellerId'], sort: ['orderedAt', '_id'] });
    const wrongSort = shape({ eq: ['distributorId', 'resellerId'], sort: ['number', '_id'] });
    const noTenantFirst = shape({ eq: ['resellerId'], sort: ['orderedAt'] });
    const unscopedLookup = shape({ eq: ['email'] });
    const byId = shape({ eq: ['_id', 'distributorId'] });
    const oneCustomerAnySort = shape({ eq: ['distributorId', 'customerId'], sort: ['totalAmountCents', '_id'] });
    const idOrderPages = [shape({ sort: ['_id'] }), shape({ range: ['_id'], sort: ['_id'] })];
    const idRangeOtherSort = shape({ range: ['_id'], sort: ['orderedAt'] });
    expect(unservedShapes([served, wrongSort, noTenantFirst, unscopedLookup, byId, oneCustomerAnySort, ...idOrderPages, idRangeOtherSort], declared)).toEqual([
      wrongSort,
      noTenantFirst,
      idRangeOtherSort,
    ]);
  });
});
