import { Types } from 'mongoose';
import request from 'supertest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { ResellerLogo } from './reseller-logo.model.js';

/*
 * A reseller's storefront branding: its staff set an accent colour (readable on white) and upload
 * a small logo (PNG, JPEG or WebP that is what it says); its storefront users read both; nobody
 * else reaches them. Every refusal changes nothing; racing editors: one wins.
 */
useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cash = demoId('reseller:cash');
const cookies = {} as Record<'cash' | 'card' | 'buyer' | 'distributor', string>;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40, 1)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const revision = async () => (await Reseller.collection.findOne({ _id: cash }))!.revision as number;
const stored = async () => (await Reseller.collection.findOne({ _id: cash }))!;
const events = () => AuditEvent.collection.countDocuments({ action: 'reseller.branding_changed', resellerId: cash });

beforeAll(async () => {
  for (const who of ['cash', 'card', 'buyer', 'distributor'] as const) cookies[who] = await signIn(app, who);
});

describe('the accent colour', () => {
  it('the reseller sets it; its storefront user reads it; audited with what it replaced', async () => {
    const before = await events();
    const res = await http.put('/api/branding', { accentColor: '#0B3D2E', revision: await revision() }, cookies.cash);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ accentColor: '#0b3d2e', canEdit: true, resellerName: 'Cashmere Cloud Partners' });
    const asBuyer = await http.get('/api/branding', cookies.buyer);
    expect(asBuyer.body).toMatchObject({ accentColor: '#0b3d2e', canEdit: false, resellerName: 'Cashmere Cloud Partners' });
    expect(await events()).toBe(before + 1);
    const event = await AuditEvent.collection.findOne({ action: 'reseller.branding_changed', resellerId: cash }, { sort: { at: -1 } });
    expect(event!.changes).toMatchObject({ accentColor: { from: '#1f4e79', to: '#0b3d2e' } });
  });

  it.each([
    ['#ffff00', 'too light to read on white'],
    ['#777777', 'just under 4.5:1'],
    ['red', 'not #rrggbb'],
    ['#12345', 'too short'],
  ])('refuses %s (%s) with 400 and changes nothing', async (accentColor) => {
    const before = await stored();
    const res = await http.put('/api/branding', { accentColor, revision: before.revision }, cookies.cash);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.accentColor).toBeTruthy();
    expect((await stored()).revision).toBe(before.revision);
  });

  it('a storefront user or the distributor may not change it (403), nothing changes', async () => {
    const before = await stored();
    for (const who of ['buyer', 'distributor'] as const) {
      expect((await http.put('/api/branding', { accentColor: '#123456', revision: before.revision }, cookies[who])).status).toBe(403);
    }
    expect((await http.get('/api/branding', cookies.distributor)).status).toBe(403);
    expect((await stored()).revision).toBe(before.revision);
  });

  it('50 editors at once on the same revision: exactly one 200, 49 × 409, one audit event', async () => {
    const rev = await revision();
    const before = await events();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => http.put('/api/branding', { accentColor: `#0${(i % 10).toString()}3a5${(i % 7).toString()}`, revision: rev }, cookies.cash)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
    expect(await revision()).toBe(rev + 1);
    expect(await events()).toBe(before + 1);
  });
});

describe('the logo', () => {
  it('the reseller uploads a PNG; the buyer gets it with its type, nosniff and no script; another reseller’s staff get their own (none)', async () => {
    const res = await http.put('/api/branding/logo', { contentType: 'image/png', data: PNG.toString('base64'), revision: await revision() }, cookies.cash);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.logo).toMatchObject({ contentType: 'image/png', bytes: PNG.length });
    const image = await http.get('/api/branding/logo', cookies.buyer);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-security-policy']).toContain("default-src 'none'");
    expect(Buffer.from(image.body as Buffer).equals(PNG)).toBe(true);
    // Card's staff read their own reseller's branding: Cashmere's logo is not theirs to reach.
    expect((await http.get('/api/branding/logo', cookies.card)).status).toBe(404);
    expect((await http.get('/api/branding', cookies.card)).body.resellerName).not.toBe('Cashmere Cloud Partners');
  });

  it('a new logo replaces the old one: one image stored per reseller', async () => {
    const res = await http.put('/api/branding/logo', { contentType: 'image/jpeg', data: JPEG.toString('base64'), revision: await revision() }, cookies.cash);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await ResellerLogo.collection.countDocuments({ resellerId: cash })).toBe(1);
    expect((await http.get('/api/branding/logo', cookies.buyer)).headers['content-type']).toBe('image/jpeg');
  });

  it.each([
    ['an SVG (scripts run in it)', 'image/png', SVG],
    ['a JPEG said to be a PNG', 'image/png', JPEG],
    ['too large', 'image/png', Buffer.concat([PNG, Buffer.alloc(64 * 1024)])],
  ])('refuses %s with 400; nothing stored, nothing changed', async (_what, contentType, data) => {
    const before = await stored();
    const logos = await ResellerLogo.collection.countDocuments({});
    const res = await http.put('/api/branding/logo', { contentType, data: data.toString('base64'), revision: before.revision }, cookies.cash);
    expect(res.status).toBe(400);
    expect(await ResellerLogo.collection.countDocuments({})).toBe(logos);
    expect((await stored()).revision).toBe(before.revision);
  });

  it('an SVG content type is not even accepted', async () => {
    const res = await http.put('/api/branding/logo', { contentType: 'image/svg+xml', data: SVG.toString('base64'), revision: await revision() }, cookies.cash);
    expect(res.status).toBe(400);
  });

  it('a stale upload is 409 and leaves no image behind', async () => {
    const logos = await ResellerLogo.collection.countDocuments({});
    const res = await http.put('/api/branding/logo', { contentType: 'image/png', data: PNG.toString('base64'), revision: (await revision()) - 1 }, cookies.cash);
    expect(res.status).toBe(409);
    expect(await ResellerLogo.collection.countDocuments({})).toBe(logos);
  });

  it('the reseller removes it, on the revision it saw (a stale one is 409 and removes nothing): the image is gone for the buyer too', async () => {
    const remove = (body: object) => request(app).delete('/api/branding/logo').set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Cookie', cookies.cash).send(body);
    expect((await remove({})).status).toBe(400);
    expect((await remove({ revision: (await revision()) - 1 })).status).toBe(409);
    expect(await ResellerLogo.collection.countDocuments({ resellerId: new Types.ObjectId(cash) })).toBe(1);
    const res = await remove({ revision: await revision() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.logo).toBeNull();
    expect((await http.get('/api/branding/logo', cookies.buyer)).status).toBe(404);
    expect(await ResellerLogo.collection.countDocuments({ resellerId: new Types.ObjectId(cash) })).toBe(0);
  });
});
