import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { SSO_ALG } from './sso-keys.js';
import { SSO_ISSUER } from './sso.service.js';

/**
 * What a distributor's workspace does with an SSO token: check the signature against our published
 * key set, the issuer, its own audience and the expiry, then redeem the jti once. Kept here as the
 * reference the integration tests (and integrators) follow; `redeem` is the workspace's replay store.
 */
export async function verifySsoToken(
  token: string,
  opts: {
    jwks: JSONWebKeySet;
    audience: string;
    redeem: (jti: string, expiresAt: number) => Promise<boolean> | boolean;
    now?: Date;
  },
) {
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(opts.jwks), {
    algorithms: [SSO_ALG],
    issuer: SSO_ISSUER,
    audience: opts.audience,
    requiredClaims: ['jti', 'exp', 'iat', 'sub', 'customer_id', 'target'],
    maxTokenAge: 60,
    ...(opts.now ? { currentDate: opts.now } : {}),
  });
  if (!protectedHeader.kid) throw new Error('token has no kid');
  if (!(await opts.redeem(payload.jti!, payload.exp!))) throw new Error('token already used');
  return payload;
}
