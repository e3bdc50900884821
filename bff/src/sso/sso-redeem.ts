import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { SsoGrant } from './sso-grant.model.js';

/**
 * Redeems the SSO grant `jti` once: true for the first redemption of an unexpired grant, false for
 * every other. A conditional write, so of racing redemptions exactly one wins (on the embedded
 * database too, see db/serialised-writes.ts). A workspace that shares this database can pass it as
 * `verifySsoToken`'s `redeem`.
 */
export async function redeemSsoGrant(jti: string, now = new Date()): Promise<boolean> {
  const result = await unsafeUnscoped(
    SsoGrant.updateOne({ _id: jti, redeemedAt: null, expiresAt: { $gt: now } }, { $set: { redeemedAt: now } }),
    'sso: redeeming a token; the signed token is the credential, not a session',
  );
  return result.modifiedCount === 1;
}
