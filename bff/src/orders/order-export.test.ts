import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUS_LABEL, type Order as OrderDto } from '@app/shared';
import { demoId } from '../seed/demo-ids.js';
import { cellText } from '../exports/cell-text.js';
import { openExportCursors } from '../exports/cursor-rows.js';
import { exportOutcomes } from '../exports/send-xlsx.js';
import { insertBulkyOrders } from '../test/bulky-orders.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { downloadXlsx } from '../test/xlsx-download.js';
import { Order } from './order.model.js';

useTestDatabase();
const app = buildTestApp();
const client = api(app);

/** Every row of the orders list for `query`, page by page, as a grid loads it. */
async function listAll(query: string, cookie: string): Promise<OrderDto[]> {
  const items: OrderDto[] = [];
  let cursor: string | null = null;
  do {
    const res = await client.get(`/api/orders?limit=200&${query}${cursor ? `&cursor=${cursor}` : ''}`, cookie);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...(res.body.items as OrderDto[]));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return items;
}

/** The export of `query` holds exactly the list's rows, in its order, with its values. */
async function expectExportMatchesList(who: DemoAccount, query: string) {
  const cookie = await signIn(app, who);
  const [list, file] = await Promise.all([listAll(query, cookie), downloadXlsx(app, `/api/orders/export.xlsx?${query}`, cookie)]);
  expect(file.res.status).toBe(200);
  const col = (name: string) => file.header.indexOf(name);
  expect(file.rows.map((r) => r[col('Order #')])).toEqual(list.map((o) => cellText(o.number)));
  expect(file.rows.map((r) => (r[col('Order date')] as Date).toISOString().slice(0, 16))).toEqual(list.map((o) => o.orderedAt.slice(0, 16)));
  expect(file.rows.map((r) => r[col('Status')])).toEqual(list.map((o) => ORDER_STATUS_LABEL[o.status]));
  expect(file.rows.map((r) => r[col('Total amount')])).toEqual(list.map((o) => o.totalAmount));
  expect(file.rows.map((r) => r[col('Placed by the customer')])).toEqual(list.map((o) => (o.placedBy.kind === 'customer' ? 'Yes' : 'No')));
  if (col('Total cost') >= 0) expect(file.rows.map((r) => r[col('Total cost')])).toEqual(list.map((o) => o.totalCost));
  return { list, file };
}

describe('GET /api/orders/export.xlsx: every orders grid, exactly its rows', () => {
  it('one customer’s orders, with a number search and a status filter', async () => {
    const customer = demoId('customer:cash:7');
    const all = await expectExportMatchesList('cash', `customerId=${customer}`);
    expect(all.list.length).toBeGreaterThan(0);
    const prefix = all.list[0]!.number.slice(0, -1);
    const searched = await expectExportMatchesList('cash', `customerId=${customer}&search=${prefix}`);
    expect(searched.list.length).toBeGreaterThan(0);
    expect(searched.list.length).toBeLessThan(all.list.length + 1);
    const executed = await expectExportMatchesList('cash', `customerId=${customer}&status=executed&sort=totalAmount`);
    expect(executed.file.header).toEqual(expect.arrayContaining(['Customer', 'Total cost', 'Margin']));
    expect(executed.file.header).not.toContain('Reseller');
  });

  it('the reseller’s approvals queue, oldest first', async () => {
    const { list } = await expectExportMatchesList('card', 'status=pending_approval&sort=orderedAt');
    expect(list.length).toBeGreaterThan(0);
  });

  it('the distributor’s in-progress queue across resellers, by reseller and age', async () => {
    const { list, file } = await expectExportMatchesList('distributor', 'status=in_progress&sort=-orderedAt');
    expect(list.length).toBeGreaterThan(0);
    expect(file.header).toContain('Reseller');
    const narrowed = await expectExportMatchesList('distributor', `status=in_progress&resellerId=${demoId('reseller:cash')}&olderThanDays=3`);
    expect(narrowed.list.length).toBeLessThan(list.length);
  });

  it('a storefront user’s own orders, without cost', async () => {
    const { list, file } = await expectExportMatchesList('buyer', 'sort=-orderedAt');
    expect(list.length).toBe(await Order.collection.countDocuments({ customerId: demoId('customer:cash:0') }));
    expect(file.header).not.toContain('Total cost');
    expect(file.header).not.toContain('Margin');
    expect(file.header).not.toContain('Customer');
  });

  it('where each order ships and its parcels, as on the order’s page', async () => {
    const cookie = await signIn(app, 'buyer');
    const file = await downloadXlsx(app, '/api/orders/export.xlsx?sort=-orderedAt', cookie);
    const col = (name: string) => file.header.indexOf(name);
    const stored = await Order.collection.find({ customerId: demoId('customer:cash:0') }).sort({ orderedAt: -1, _id: -1 }).toArray();
    const tracked = stored.findIndex((o) => (o.tracking ?? []).length > 0);
    expect(tracked).toBeGreaterThanOrEqual(0);
    const row = file.rows[tracked]!;
    expect(row[col('Order #')]).toBe(stored[tracked]!.number);
    for (const t of stored[tracked]!.tracking as { number: string }[]) expect(String(row[col('Tracking')])).toContain(t.number);
    const shipped = stored.findIndex((o) => o.deliveryAddress);
    if (shipped >= 0) expect(String(file.rows[shipped]![col('Deliver to')])).toContain(stored[shipped]!.deliveryAddress.city);
  });
});

describe('tenancy: nobody exports another tenant’s orders, by any parameter', () => {
  const cases: [DemoAccount, string][] = [
    ['buyer', `customerId=${demoId('customer:cash:7')}`],
    ['buyer', `resellerId=${demoId('reseller:card')}`],
    ['card', `customerId=${demoId('customer:cash:7')}`],
    ['card', `resellerId=${demoId('reseller:cash')}`],
    ['otherReseller', `customerId=${demoId('customer:cash:7')}`],
    ['otherDistributor', `resellerId=${demoId('reseller:cash')}`],
  ];
  it.each(cases)('%s with %s gets no row', async (who, query) => {
    const file = await downloadXlsx(app, `/api/orders/export.xlsx?${query}`, await signIn(app, who));
    expect(file.res.status).toBe(200);
    expect(file.rows).toEqual([]);
  });

  it('without a session 401; a malformed filter 400', async () => {
    expect((await client.get('/api/orders/export.xlsx')).status).toBe(401);
    expect((await client.get('/api/orders/export.xlsx?customerId=nope', await signIn(app, 'cash'))).status).toBe(400);
  });
});

describe('a download the client abandons', () => {
  it('closes the cursor and stops', async () => {
    await insertBulkyOrders('customer:deposit:3', 3000);
    const cookie = await signIn(app, 'deposit');
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const before = exportOutcomes();
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const req = http.get({ port, host: '127.0.0.1', path: `/api/orders/export.xlsx?customerId=${demoId('customer:deposit:3')}`, headers: { cookie } }, (res) => {
          expect(res.statusCode).toBe(200);
          res.once('data', () => {
            expect(openExportCursors()).toBe(1); // mid-export
            req.destroy();
            resolve();
          });
        });
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      });
      for (let i = 0; i < 100 && openExportCursors() > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(openExportCursors()).toBe(0);
      for (let i = 0; i < 100 && exportOutcomes().aborted === before.aborted; i++) await new Promise((r) => setTimeout(r, 50));
      expect(exportOutcomes()).toEqual({ ...before, aborted: before.aborted + 1 });
    } finally {
      server.close();
    }
  });
});
