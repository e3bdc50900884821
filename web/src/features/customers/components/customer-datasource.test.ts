import type { IGetRowsParams } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import type { CustomerList } from '@app/shared';
import type { CustomerPageRequest } from '../api/get-customers';
import { createCustomerDatasource, toSortParam } from './customer-datasource';

/**
 * A BFF stand-in that answers each page with a cursor naming the request it answers, and the
 * view's count only when asked (total=1); the page from `endsAt` on is the last one.
 */
function fakeBff(total = 1000, endsAt = Infinity) {
  const requests: CustomerPageRequest[] = [];
  const fetchPage = async (req: CustomerPageRequest): Promise<CustomerList> => {
    requests.push(req);
    const start = req.offset ?? (req.cursor ? Number(req.cursor.split('@')[1]) : 0);
    const last = start >= endsAt;
    const items = Array.from({ length: last ? 7 : 0 }, () => ({}));
    return { items, ...(req.total === '1' ? { total } : {}), nextCursor: last ? null : `${req.sort}@${start + req.limit}` } as unknown as CustomerList;
  };
  return { requests, fetchPage };
}

/** What AG Grid was told of the list's length after each block: a row count, or -1 for "not known yet". */
const lastRows: (number | undefined)[] = [];

function block(startRow: number, sortModel: { colId: string; sort: 'asc' | 'desc' }[] = []) {
  let settle!: (outcome: 'ok' | 'failed') => void;
  const done = new Promise<'ok' | 'failed'>((resolve) => (settle = resolve));
  const params = {
    startRow,
    endRow: startRow + 100,
    sortModel,
    filterModel: {},
    context: undefined,
    successCallback: (_rows: unknown[], lastRow?: number) => {
      lastRows.push(lastRow);
      settle('ok');
    },
    failCallback: () => settle('failed'),
  } as unknown as IGetRowsParams;
  return { params, done };
}

async function load(ds: ReturnType<typeof createCustomerDatasource>, startRow: number, sortModel?: { colId: string; sort: 'asc' | 'desc' }[]) {
  const b = block(startRow, sortModel);
  ds.getRows(b.params);
  return b.done;
}

describe('the customer grid datasource', () => {
  it('continues each block from the previous block’s cursor, so deep pages are keyset reads', async () => {
    const bff = fakeBff();
    const ds = createCustomerDatasource({ search: 'harbor', resellerId: '', fetchPage: bff.fetchPage, onLoaded: () => {} });
    await load(ds, 0);
    await load(ds, 100);
    await load(ds, 200);
    expect(bff.requests).toEqual([
      { search: 'harbor', resellerId: undefined, sort: 'companyName', limit: 100, cursor: undefined, offset: undefined, total: '1' },
      { search: 'harbor', resellerId: undefined, sort: 'companyName', limit: 100, cursor: 'companyName@100', offset: undefined },
      { search: 'harbor', resellerId: undefined, sort: 'companyName', limit: 100, cursor: 'companyName@200', offset: undefined },
    ]);
  });

  it('falls back to an offset for a block it has no cursor for (a jump)', async () => {
    const bff = fakeBff();
    const ds = createCustomerDatasource({ search: '', resellerId: 'r1', fetchPage: bff.fetchPage, onLoaded: () => {} });
    await load(ds, 0);
    await load(ds, 700);
    expect(bff.requests[1]).toMatchObject({ cursor: undefined, offset: 700, resellerId: 'r1' });
  });

  it('never continues one ordering with another ordering’s cursor', async () => {
    const bff = fakeBff();
    const ds = createCustomerDatasource({ search: '', resellerId: '', fetchPage: bff.fetchPage, onLoaded: () => {} });
    await load(ds, 0);
    await load(ds, 100);
    const byCity = [{ colId: 'city', sort: 'desc' as const }];
    await load(ds, 0, byCity);
    await load(ds, 200, byCity);
    await load(ds, 300, byCity);
    expect(bff.requests.map((r) => [r.sort, r.cursor ?? null, r.offset ?? null])).toEqual([
      ['companyName', null, null],
      ['companyName', 'companyName@100', null],
      ['-city', null, null],
      // The company-name ordering has a cursor for row 200; the city ordering must not use it.
      ['-city', null, 200],
      ['-city', '-city@300', null],
    ]);
  });

  it('asks for the view’s count on its first block only, and tells the grid that count for the blocks after it', async () => {
    const bff = fakeBff(420, 400);
    const ds = createCustomerDatasource({ search: '', resellerId: '', fetchPage: bff.fetchPage, onLoaded: () => {} });
    lastRows.length = 0;
    await load(ds, 0);
    await load(ds, 100);
    await load(ds, 700); // a jump, by offset: the last page, which says where the list ends
    await load(ds, 0, [{ colId: 'city', sort: 'asc' }]); // a new ordering: a new view, counted again
    expect(bff.requests.map((r) => r.total ?? null)).toEqual(['1', null, null, '1']);
    expect(lastRows).toEqual([420, 420, 707, 420]);
  });

  it('says "length not known yet" when the first block brought no count', async () => {
    const ds = createCustomerDatasource({
      search: '',
      resellerId: '',
      fetchPage: async (req) => ({ items: [], nextCursor: `x@${req.limit}` }) as unknown as CustomerList,
      onLoaded: () => {},
    });
    lastRows.length = 0;
    await load(ds, 0);
    expect(lastRows).toEqual([-1]);
  });

  it('reports the total once the first block arrives, and a failure as an error', async () => {
    const loaded: unknown[] = [];
    const ok = createCustomerDatasource({ search: '', resellerId: '', fetchPage: fakeBff(42).fetchPage, onLoaded: (r) => loaded.push(r) });
    expect(await load(ok, 0)).toBe('ok');
    const failing = createCustomerDatasource({
      search: '',
      resellerId: '',
      fetchPage: () => Promise.reject(new Error('The server could not be reached.')),
      onLoaded: (r) => loaded.push(r),
    });
    expect(await load(failing, 0)).toBe('failed');
    expect(loaded).toEqual([{ total: 42 }, { error: 'The server could not be reached.' }]);
  });
});

describe('toSortParam', () => {
  it('names the sorted column, with a minus when descending, and defaults to the company name', () => {
    expect(toSortParam([{ colId: 'phone', sort: null }, { colId: 'monthlyRunRate', sort: 'desc' }])).toBe('-monthlyRunRate');
    expect(toSortParam([{ colId: 'city', sort: 'asc' }])).toBe('city');
    expect(toSortParam([{ colId: 'city', sort: null }])).toBe('companyName');
  });
});
