import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

/**
 * The HMAC key that signs session tokens. Production takes SESSION_SECRET (config refuses to start
 * without it); development generates one on first start and keeps it under DATA_DIR so sessions
 * survive restarts.
 */
export async function loadSessionSecret(config: Config): Promise<Uint8Array> {
  if (config.SESSION_SECRET) return new TextEncoder().encode(config.SESSION_SECRET);
  const file = path.join(config.DATA_DIR, 'session-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return new TextEncoder().encode(existing);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret, { mode: 0o600, flag: 'w' });
  return new TextEncoder().encode(secret);
}
