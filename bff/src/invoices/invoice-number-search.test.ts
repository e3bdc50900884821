import { describe, expect, it } from 'vitest';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { Invoice } from './invoice.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);

describe('the customer search by an invoice or credit note number', () => {
  it('finds the customer in any case, inside the caller’s subtree only', async () => {
    for (const kind of ['invoice', 'credit_note']) {
      const doc = (await Invoice.collection.findOne({ resellerId: demoId('reseller:cash'), kind, number: { $ne: null } }))!;
      expect(doc, `a demo ${kind} of the cash reseller`).toBeTruthy();
      const typed = ` ${String(doc.number).toLowerCase()} `;
      const mine = await http.get(`/api/customers?limit=50&search=${encodeURIComponent(typed)}`, await signIn(app, 'cash'));
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(String(doc.customerId));
      const distributor = await http.get(`/api/customers?limit=50&search=${encodeURIComponent(typed)}`, await signIn(app, 'distributor'));
      expect(distributor.body.items.map((c: { id: string }) => c.id)).toContain(String(doc.customerId));
      // Another reseller's staff find nothing by it (its own numbers may be the same: numbering is per reseller).
      const sibling = await http.get(`/api/customers?limit=50&search=${encodeURIComponent(typed)}`, await signIn(app, 'otherReseller'));
      expect(sibling.body.items.map((c: { id: string }) => c.id)).not.toContain(String(doc.customerId));
    }
  });
});
