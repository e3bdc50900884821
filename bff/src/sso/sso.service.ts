import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SsoLink } from '@app/shared';
import { recordAudit } from '../audit/audit.service.js';
import { getCustomer } from '../customers/customer.service.js';
import { Distributor } from '../distributors/distributor.model.js';
import { forbidden, notFound } from '../errors/app-error.js';
import { customerPolicy } from '../policies/customer.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import { SsoGrant } from './sso-grant.model.js';
import { SSO_ALG, type SsoKeys } from './sso-keys.js';

export const SSO_ISSUER = 'storefront-admin';
export const SSO_TTL_SECONDS = 60;
const PATHS = { services: '/sso/services', subscriptions: '/sso/subscriptions', assets: '/sso/assets' } as const;

/**
 * A link into the distributor's workspace at one customer, signed in as the reseller user: a
 * 60-second, single-use token (its jti is recorded here and redeemed on the distributor's side).
 */
export async function issueSsoLink(actor: Actor, keys: SsoKeys, customerId: string, target: keyof typeof PATHS): Promise<SsoLink> {
  const { principal, scope } = actor;
  customerPolicy.authorize(principal, 'customer.openWorkspace', undefined, forbidden);
  const { customer } = await getCustomer(scope, customerId);
  const distributor = await scoped(Distributor.findById(principal.distributorId, { workspaceUrl: 1 }), scope).lean();
  if (!distributor) throw notFound('The distributor');

  const jti = randomUUID();
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = new Date((now + SSO_TTL_SECONDS) * 1000);
  const audience = distributor.workspaceUrl;
  const token = await new SignJWT({
    customer_id: customer._id.toHexString(),
    reseller_id: String(customer.resellerId),
    target,
    email: principal.email,
    name: principal.displayName,
  })
    .setProtectedHeader({ alg: SSO_ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(SSO_ISSUER)
    .setAudience(audience)
    .setSubject(String(principal.userId))
    .setJti(jti)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + SSO_TTL_SECONDS)
    .sign(keys.privateKey);

  await scopedDoc(
    new SsoGrant({ _id: jti, distributorId: customer.distributorId, resellerId: customer.resellerId, customerId: customer._id,
      userId: principal.userId, target, issuedAt: new Date(now * 1000), expiresAt }),
    scope,
  ).save();
  await recordAudit(actor, {
    action: `customer.sso.${target}`,
    target: { type: 'customer', id: customer._id, label: customer.companyName },
    resellerId: customer.resellerId,
    customerId: customer._id,
    customerName: customer.companyName,
  });

  const url = new URL(PATHS[target], audience);
  url.searchParams.set('customer', customer._id.toHexString());
  url.searchParams.set('token', token);
  return { url: url.toString(), expiresAt: expiresAt.toISOString() };
}
