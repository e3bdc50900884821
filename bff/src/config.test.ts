import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const run = promisify(execFile);

describe('configuration', () => {
  it('refuses production without a session secret or a database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://x' })).toThrow(/SESSION_SECRET is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })).toThrow(/MONGODB_URI is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short', MONGODB_URI: 'mongodb://x' })).toThrow(ConfigError);
  });

  it('uses secure __Host- cookies in production only', () => {
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), MONGODB_URI: 'mongodb://x', SMTP_URL: 'smtp://mail', PUBLIC_ORIGIN: 'https://admin.example.com' }).secureCookies).toBe(true);
    expect(loadConfig({}).secureCookies).toBe(false);
  });

  it('reports a bad PORT clearly', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});

describe('starting without Go and without MONGODB_URI', () => {
  it('prints one clear message, no stack trace, and exits 1', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'no-go-'));
    const server = path.join(import.meta.dirname, 'server.ts');
    const err = await run(process.execPath, ['--import', 'tsx', server], {
      cwd: path.join(import.meta.dirname, '..'),
      env: { PATH: '/usr/bin:/bin', HOME: home, XDG_CACHE_HOME: home, GO_FALLBACK_DIR: '/nonexistent', DATA_DIR: home, PORT: '0' },
    }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err).not.toBeNull();
    expect(err!.code).toBe(1);
    expect(err!.stderr).toMatch(/Go is not installed/);
    expect(err!.stderr).toMatch(/MONGODB_URI/);
    expect(err!.stderr).not.toMatch(/\n\s+at /);
  });
});
