import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import { ConfigError, type Config } from '../config.js';

export const SSO_ALG = 'ES256';

export interface SsoKeys {
  kid: string;
  privateKey: CryptoKey;
  /** The public half as published at /.well-known/jwks.json. */
  publicJwk: JWK;
}

async function fromPrivateJwk(jwk: JWK): Promise<SsoKeys> {
  const kid = jwk.kid ?? (await calculateJwkThumbprint(jwk));
  const privateKey = (await importJWK({ ...jwk, alg: SSO_ALG }, SSO_ALG)) as CryptoKey;
  const { d: _d, ...pub } = jwk;
  return { kid, privateKey, publicJwk: { ...pub, kid, alg: SSO_ALG, use: 'sig' } };
}

/**
 * The asymmetric key that signs SSO tokens for the distributors' workspaces. Production takes it
 * from SSO_SIGNING_KEY (a private EC P-256 JWK as JSON); development makes one on first start and
 * keeps it under DATA_DIR, so links keep verifying across restarts.
 */
export async function loadSsoKeys(config: Config): Promise<SsoKeys> {
  const fromEnv = process.env.SSO_SIGNING_KEY;
  if (fromEnv) {
    try {
      return await fromPrivateJwk(JSON.parse(fromEnv) as JWK);
    } catch (err) {
      throw new ConfigError(`SSO_SIGNING_KEY is not a private EC P-256 JWK: ${(err as Error).message}`);
    }
  }
  if (config.isProduction) throw new ConfigError('SSO_SIGNING_KEY is required in production (a private EC P-256 JWK).');
  const file = path.join(config.DATA_DIR, 'sso-signing-key.json');
  try {
    return await fromPrivateJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const jwk = await generateSsoJwk();
  await mkdir(config.DATA_DIR, { recursive: true });
  await writeFile(file, JSON.stringify(jwk), { mode: 0o600 });
  return fromPrivateJwk(jwk);
}

export async function generateSsoJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SSO_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk) };
}

export async function testSsoKeys(): Promise<SsoKeys> {
  return fromPrivateJwk(await generateSsoJwk());
}
