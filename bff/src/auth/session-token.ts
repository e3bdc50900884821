import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'storefront-admin';
const AUDIENCE = 'storefront-admin-web';
const ALGORITHM = 'HS256';
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

export interface SessionClaims {
  userId: string;
  sessionId: string;
  /**
   * The reseller and company the account belongs to (they never change for an account), so that
   * their standing is looked up beside the session and the account, not after them: one round
   * trip per request instead of three. Only a hint: the account's own ids decide (sessions.ts).
   */
  tenant?: { resellerId?: string; customerId?: string };
}

export async function signSessionToken(key: Uint8Array, claims: SessionClaims, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const tenant = claims.tenant ?? {};
  return new SignJWT({ ...(tenant.resellerId ? { rid: tenant.resellerId } : {}), ...(tenant.customerId ? { cid: tenant.customerId } : {}) })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.userId)
    .setJti(claims.sessionId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + SESSION_TTL_SECONDS)
    .sign(key);
}

/** Returns the claims of a valid token, or null for anything else (bad signature, expired, wrong alg…). */
export async function verifySessionToken(key: Uint8Array, token: string): Promise<SessionClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      maxTokenAge: SESSION_TTL_SECONDS,
    });
    if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return null;
    const tenant = {
      ...(typeof payload.rid === 'string' ? { resellerId: payload.rid } : {}),
      ...(typeof payload.cid === 'string' ? { customerId: payload.cid } : {}),
    };
    return { userId: payload.sub, sessionId: payload.jti, tenant };
  } catch {
    return null;
  }
}
