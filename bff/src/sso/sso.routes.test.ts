import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { SsoGrant } from './sso-grant.model.js';
import { testSsoKeys } from './sso-keys.js';
import { verifySsoToken } from './sso-verifier.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cashCustomer = demoId('customer:cash:2');
const WORKSPACE = 'https://workspace.northwind.example';

/** The distributor's side: a replay store of redeemed jtis. */
function workspace() {
  const used = new Set<string>();
  return { redeem: (jti: string) => (used.has(jti) ? false : (used.add(jti), true)) };
}

async function issue(target = 'subscriptions') {
  const res = await http.post(`/api/customers/${cashCustomer}/sso-links`, { target }, await signIn(app, 'cash'));
  expect(res.status).toBe(201);
  const url = new URL(res.body.url);
  return { url, token: url.searchParams.get('token')! };
}

describe('SSO links to the distributor workspace', () => {
  it('opens the workspace at the customer with a 60-second ES256 token whose jti is recorded', async () => {
    const { url, token } = await issue('services');
    expect(`${url.origin}${url.pathname}`).toBe(`${WORKSPACE}/sso/services`);
    expect(url.searchParams.get('customer')).toBe(String(cashCustomer));
    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token);
    expect(header.alg).toBe('ES256');
    expect(header.kid).toBeTruthy();
    expect(claims).toMatchObject({ aud: WORKSPACE, sub: String(demoId('user:reseller.cash@demo.example')), customer_id: String(cashCustomer), target: 'services' });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(60);
    expect(await SsoGrant.collection.countDocuments({ _id: claims.jti as never })).toBe(1);
  });

  it('verifies against the published JWKS once, and refuses the same token a second time', async () => {
    const jwks = (await request(app).get('/.well-known/jwks.json')).body;
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const { token } = await issue();
    const side = workspace();
    const payload = await verifySsoToken(token, { jwks, audience: WORKSPACE, redeem: side.redeem });
    expect(payload.target).toBe('subscriptions');
    await expect(verifySsoToken(token, { jwks, audience: WORKSPACE, redeem: side.redeem })).rejects.toThrow(/already used/);
  });

  it('refuses an expired token, a token for another workspace, and a token re-signed with another key', async () => {
    const jwks = (await request(app).get('/.well-known/jwks.json')).body;
    const { token } = await issue('assets');
    await expect(verifySsoToken(token, { jwks, audience: WORKSPACE, redeem: () => true, now: new Date(Date.now() + 61_000) })).rejects.toThrow();
    await expect(verifySsoToken(token, { jwks, audience: 'https://portal.contoso.example', redeem: () => true })).rejects.toThrow();
    const forger = await testSsoKeys();
    const claims = decodeJwt(token);
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: decodeProtectedHeader(token).kid! }).sign(forger.privateKey);
    await expect(verifySsoToken(forged, { jwks, audience: WORKSPACE, redeem: () => true })).rejects.toThrow();
  });

  it('is 403 for the distributor and a storefront user, 404 for another reseller’s customer, 400 for an unknown target', async () => {
    expect((await http.post(`/api/customers/${cashCustomer}/sso-links`, { target: 'assets' }, await signIn(app, 'distributor'))).status).toBe(403);
    expect((await http.post(`/api/customers/${cashCustomer}/sso-links`, { target: 'assets' }, await signIn(app, 'buyer'))).status).toBe(403);
    expect((await http.post(`/api/customers/${cashCustomer}/sso-links`, { target: 'assets' }, await signIn(app, 'card'))).status).toBe(404);
    const bad = await http.post(`/api/customers/${cashCustomer}/sso-links`, { target: 'billing' }, await signIn(app, 'cash'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.target).toBeDefined();
  });
});
