import { mkdtemp, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { loadSessionSecret } from './session-secret.js';

describe('the session secret', () => {
  it('is generated once in development, kept under DATA_DIR with owner-only access, and reused', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'secret-'));
    const config = loadConfig({ DATA_DIR: dir });
    const first = await loadSessionSecret(config);
    const second = await loadSessionSecret(config);
    expect(Buffer.from(first).toString()).toBe(Buffer.from(second).toString());
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect((await stat(path.join(dir, 'session-secret'))).mode & 0o777).toBe(0o600);
  });

  it('comes from SESSION_SECRET when set', async () => {
    const secret = 's'.repeat(40);
    const key = await loadSessionSecret(loadConfig({ DATA_DIR: '/nonexistent', SESSION_SECRET: secret }));
    expect(Buffer.from(key).toString()).toBe(secret);
  });
});
