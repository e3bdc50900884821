import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE, NOTE_EDIT_WINDOW_MS } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { Order } from '../orders/order.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { CustomerNote } from './customer-note.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const customer = demoId('customer:cash:3');
const notesOf = (id: Types.ObjectId) => `/api/customers/${id}/notes`;
const cookies = {} as Record<DemoAccount, string>;

let server: Server;
let base: string;
beforeAll(async () => {
  for (const who of ['cash', 'card', 'distributor', 'buyer', 'otherReseller'] as DemoAccount[]) cookies[who] = await signIn(app, who);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Fires `n` requests at once over a real socket and counts the answers by status. */
async function race(n: number, fire: () => request.Test): Promise<Record<number, number>> {
  const answers = await Promise.all(Array.from({ length: n }, fire));
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
const racing = (method: 'put' | 'delete', url: string, body?: object) => () =>
  request(base)[method](url).set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Cookie', cookies.cash).send(body);

async function addNote(text = 'Called about the renewal') {
  const res = await http.post(notesOf(customer), { text }, cookies.cash);
  expect(res.status).toBe(201);
  return res.body as { id: string; revision: number; text: string };
}
/** Moves a note's writing time back, as if it had been written `ms` ago (no waiting in tests). */
const age = (id: string, ms: number) => CustomerNote.collection.updateOne({ _id: new Types.ObjectId(id) }, { $set: { createdAt: new Date(Date.now() - ms) } });

describe('notes on a customer', () => {
  it('are added by the reseller with author and time, audited, and editable by their author for 15 minutes', async () => {
    const res = await http.post(notesOf(customer), { text: '  Prefers email  ' }, cookies.cash);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ text: 'Prefers email', authorName: expect.any(String), editedAt: null, revision: 1, abilities: { edit: true, delete: true } });
    expect(Date.parse(res.body.editableUntil) - Date.parse(res.body.createdAt)).toBe(NOTE_EDIT_WINDOW_MS);
    expect(await AuditEvent.collection.countDocuments({ action: 'customer.note_added', 'target.id': new Types.ObjectId(res.body.id as string), customerId: customer })).toBe(1);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await CustomerNote.collection.countDocuments();
    for (const body of [{}, { text: '   ' }, { text: 'x'.repeat(4001) }, { text: 42 }]) {
      expect((await http.post(notesOf(customer), body, cookies.cash)).status).toBe(400);
    }
    expect((await http.post('/api/customers/not-an-id/notes', { text: 'x' }, cookies.cash)).status).toBe(404);
    expect(await CustomerNote.collection.countDocuments()).toBe(before);
  });

  it('is for staff of the customer’s own reseller: 404 elsewhere, 403 for the distributor and storefront users', async () => {
    expect((await http.post(notesOf(customer), { text: 'x' }, cookies.card)).status).toBe(404);
    expect((await http.post(notesOf(customer), { text: 'x' }, cookies.otherReseller)).status).toBe(404);
    expect((await http.post(notesOf(customer), { text: 'x' }, cookies.distributor)).status).toBe(403);
    expect((await http.post(notesOf(customer), { text: 'x' }, cookies.buyer)).status).toBe(403);
    expect((await http.get(`/api/customers/${customer}/timeline`, cookies.buyer)).status).toBe(403);
    expect((await http.get(`/api/customers/${customer}/timeline`, cookies.card)).status).toBe(404);
  });

  it('edits within the window (audited with before and after), then refuses once 15 minutes have passed', async () => {
    const note = await addNote();
    const edited = await http.put(`${notesOf(customer)}/${note.id}`, { text: 'Called twice', revision: 1 }, cookies.cash);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ text: 'Called twice', revision: 2, editedAt: expect.any(String) });
    const event = await AuditEvent.collection.findOne({ action: 'customer.note_edited', 'target.id': new Types.ObjectId(note.id) });
    expect(event?.changes).toEqual({ text: { from: 'Called about the renewal', to: 'Called twice' } });

    await age(note.id, NOTE_EDIT_WINDOW_MS + 1000);
    const late = await http.put(`${notesOf(customer)}/${note.id}`, { text: 'Too late', revision: 2 }, cookies.cash);
    expect(late.status).toBe(409);
    expect((await http.delete(`${notesOf(customer)}/${note.id}`, cookies.cash)).status).toBe(409);
    expect((await CustomerNote.collection.findOne({ _id: new Types.ObjectId(note.id) }))).toMatchObject({ text: 'Called twice', deleted: false, revision: 2 });
    const timeline = await http.get(`/api/customers/${customer}/timeline`, cookies.cash);
    const shown = timeline.body.items.find((i: { kind: string; note?: { id: string } }) => i.kind === 'note' && i.note?.id === note.id);
    expect(shown.note).toMatchObject({ abilities: { edit: false, delete: false }, editableUntil: null });
  });

  it('is never changed by anyone but its author (403), nor through another customer (404)', async () => {
    const note = await addNote();
    await CustomerNote.collection.updateOne({ _id: new Types.ObjectId(note.id) }, { $set: { authorId: new Types.ObjectId() } });
    expect((await http.put(`${notesOf(customer)}/${note.id}`, { text: 'Mine now', revision: 1 }, cookies.cash)).status).toBe(403);
    expect((await http.delete(`${notesOf(customer)}/${note.id}`, cookies.cash)).status).toBe(403);
    const other = await addNote();
    expect((await http.put(`${notesOf(demoId('customer:cash:4'))}/${other.id}`, { text: 'Moved', revision: 1 }, cookies.cash)).status).toBe(404);
    expect((await http.delete(`${notesOf(customer)}/${other.id}`, cookies.card)).status).toBe(404);
    expect((await CustomerNote.collection.findOne({ _id: new Types.ObjectId(other.id) }))).toMatchObject({ text: 'Called about the renewal', deleted: false });
  });

  it('deletes within the window: gone from the timeline, the deletion audited', async () => {
    const note = await addNote('Wrong customer');
    expect((await http.delete(`${notesOf(customer)}/${note.id}`, cookies.cash)).status).toBe(204);
    expect((await http.delete(`${notesOf(customer)}/${note.id}`, cookies.cash)).status).toBe(404);
    const timeline = await http.get(`/api/customers/${customer}/timeline?limit=100`, cookies.cash);
    expect(timeline.body.items.some((i: { note?: { id: string } }) => i.note?.id === note.id)).toBe(false);
    expect(await AuditEvent.collection.countDocuments({ action: 'customer.note_deleted', 'target.id': new Types.ObjectId(note.id) })).toBe(1);
  });

  it('50 racing edits of one revision: exactly one lands, one audit event', async () => {
    const note = await addNote();
    const counts = await race(50, racing('put', `${notesOf(customer)}/${note.id}`, { text: 'Racing edit', revision: 1 }));
    expect(counts).toEqual({ 200: 1, 409: 49 });
    expect((await CustomerNote.collection.findOne({ _id: new Types.ObjectId(note.id) }))!.revision).toBe(2);
    expect(await AuditEvent.collection.countDocuments({ action: 'customer.note_edited', 'target.id': new Types.ObjectId(note.id) })).toBe(1);
  });

  it('50 racing deletes: exactly one deletes, one audit event', async () => {
    const note = await addNote();
    const counts = await race(50, racing('delete', `${notesOf(customer)}/${note.id}`));
    expect(counts[204]).toBe(1);
    expect((counts[404] ?? 0) + (counts[409] ?? 0)).toBe(49);
    expect(await AuditEvent.collection.countDocuments({ action: 'customer.note_deleted', 'target.id': new Types.ObjectId(note.id) })).toBe(1);
  });
});

describe('the record’s timeline', () => {
  it('merges notes, audit events and orders newest first, and pages back with `before` without repeats', async () => {
    const id = demoId('customer:cash:6');
    const approval = (await Customer.collection.findOne({ _id: id }))!.orderApprovalRequired as boolean;
    expect((await http.put(`/api/customers/${id}/order-approval`, { required: !approval }, cookies.cash)).status).toBe(200);
    await http.post(notesOf(id), { text: 'Timeline note' }, cookies.cash);
    const seen: { kind: string; at: string }[] = [];
    let before: string | null = null;
    do {
      const res = await http.get(`/api/customers/${id}/timeline?limit=7${before ? `&before=${encodeURIComponent(before)}` : ''}`, cookies.cash);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      before = res.body.nextBefore;
    } while (before);
    const ats = seen.map((i) => i.at);
    expect(ats).toEqual([...ats].sort().reverse());
    expect(new Set(seen.map((i) => i.kind))).toEqual(new Set(['note', 'event', 'order']));
    expect(seen.filter((i) => i.kind === 'order')).toHaveLength(await Order.collection.countDocuments({ customerId: id }));
    expect(seen.filter((i) => i.kind === 'note')).toHaveLength(1);
    // The note and the orders are there as themselves, not again as "added"/"placed" events.
    expect(seen.some((i) => i.kind === 'event' && ['customer.note_added', 'order.placed'].includes((i as unknown as { event: { action: string } }).event.action))).toBe(false);
  });

  it('is read-only for the distributor', async () => {
    const res = await http.get(`/api/customers/${customer}/timeline`, cookies.distributor);
    expect(res.status).toBe(200);
    expect(res.body.abilities).toEqual({ addNote: false });
    expect(res.body.items.filter((i: { kind: string }) => i.kind === 'note').every((i: { note: { abilities: { edit: boolean } } }) => !i.note.abilities.edit)).toBe(true);
  });
});

describe('the watch-list note', () => {
  const watched = demoId('customer:cash:0'); // the buyer's company
  const WATCH = 'Watch: disputed invoice 4411, no credit';
  const revision = async (id: Types.ObjectId) => (await Customer.collection.findOne({ _id: id }))!.revision as number;

  it('is set by the reseller (audited), shown on the record, the grid row, orders and approval cards, for staff', async () => {
    const res = await http.put(`/api/customers/${watched}/watch-note`, { text: WATCH, revision: await revision(watched) }, cookies.cash);
    expect(res.status).toBe(200);
    expect(res.body.watchNote).toMatchObject({ text: WATCH, byName: expect.any(String), at: expect.any(String) });
    expect(await AuditEvent.collection.countDocuments({ action: 'customer.watch_note_set', customerId: watched })).toBe(1);

    const grid = await http.get(`/api/customers?limit=200`, cookies.cash);
    expect(grid.body.items.find((c: { id: string }) => c.id === String(watched)).watchNote).toBe(WATCH);
    for (const who of ['cash', 'distributor'] as const) {
      const orders = await http.get(`/api/orders?customerId=${watched}&limit=5`, cookies[who]);
      expect(orders.status).toBe(200);
      expect(orders.body.items.length).toBeGreaterThan(0);
      for (const o of orders.body.items) expect(o.customerWatchNote).toBe(WATCH);
      const one = await http.get(`/api/orders/${orders.body.items[0].id}`, cookies[who]);
      expect(one.body.customerWatchNote).toBe(WATCH);
    }
    const waiting = await http.get(`/api/orders?status=pending_approval&limit=200`, cookies.cash);
    const watchedWaiting = waiting.body.items.filter((o: { customerId: string }) => o.customerId === String(watched));
    expect(watchedWaiting.length).toBeGreaterThan(0);
    for (const o of watchedWaiting) expect(o.customerWatchNote).toBe(WATCH);
    const unwatched = demoId('customer:cash:1');
    await Customer.collection.updateOne({ _id: unwatched }, { $set: { watchNote: null } });
    const plain = await http.get(`/api/orders?customerId=${unwatched}&limit=5`, cookies.cash);
    expect(plain.body.items.length).toBeGreaterThan(0);
    for (const o of plain.body.items) expect(o).not.toHaveProperty('customerWatchNote');
  });

  it('never reaches a storefront answer', async () => {
    await Customer.collection.updateOne({ _id: watched }, { $set: { watchNote: { text: WATCH, byName: 'Staff', at: new Date() } } });
    const orders = await http.get('/api/orders?limit=200', cookies.buyer);
    expect(orders.body.items.length).toBeGreaterThan(0);
    const answers = [orders, await http.get(`/api/orders/${orders.body.items[0].id}`, cookies.buyer)];
    for (const url of ['/api/auth/me', '/api/overview', '/api/catalogue', '/api/auth/session']) answers.push(await http.get(url, cookies.buyer));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('disputed invoice');
      expect(JSON.stringify(res.body)).not.toContain('customerWatchNote');
    }
    const exported = await http.get('/api/orders/export.xlsx', cookies.buyer);
    expect(exported.status).toBe(200);
    expect((await http.put(`/api/customers/${watched}/watch-note`, { text: 'x', revision: 1 }, cookies.buyer)).status).toBe(403);
  });

  it('is cleared with an empty text (audited), refused to the distributor and to other resellers', async () => {
    expect((await http.put(`/api/customers/${watched}/watch-note`, { text: 'x', revision: await revision(watched) }, cookies.distributor)).status).toBe(403);
    expect((await http.put(`/api/customers/${watched}/watch-note`, { text: 'x', revision: await revision(watched) }, cookies.card)).status).toBe(404);
    expect((await http.put(`/api/customers/${watched}/watch-note`, { text: 'x'.repeat(501), revision: await revision(watched) }, cookies.cash)).status).toBe(400);
    const res = await http.put(`/api/customers/${watched}/watch-note`, { text: '  ', revision: await revision(watched) }, cookies.cash);
    expect(res.status).toBe(200);
    expect(res.body.watchNote).toBeNull();
    expect(await AuditEvent.collection.countDocuments({ action: 'customer.watch_note_cleared', customerId: watched })).toBe(1);
  });

  it('50 racing sets on one revision: one lands, 49 × 409, one audit event', async () => {
    const id = demoId('customer:cash:8');
    const rev = await revision(id);
    const counts = await race(50, () =>
      request(base).put(`/api/customers/${id}/watch-note`).set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Cookie', cookies.cash).send({ text: 'Racing', revision: rev }),
    );
    expect(counts).toEqual({ 200: 1, 409: 49 });
    expect(await revision(id)).toBe(rev + 1);
    expect(await AuditEvent.collection.countDocuments({ action: 'customer.watch_note_set', customerId: id })).toBe(1);
  });
});
