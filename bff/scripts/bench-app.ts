// The BFF inside a benchmark's own process (bench-db.ts, bench-overhead.ts), on whatever database
// mongoose is connected to, and sign-in for it.
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { createLoginRateLimiter } from '../src/auth/login-rate-limit.js';
import { createResetMailLimiter } from '../src/auth/password-setup.service.js';
import type { Config } from '../src/config.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo-data.js';
import { createLogger } from '../src/logger.js';
import { createMailer } from '../src/mail/mailer.js';
import { testSsoKeys } from '../src/sso/sso-keys.js';

export const BENCH_SESSION_KEY = new TextEncoder().encode('b'.repeat(40));

export async function startBenchApp(config: Config, logLevel = 'silent') {
  const app = createApp({
    config, logger: createLogger(logLevel as 'silent'), sessionKey: BENCH_SESSION_KEY, loginLimiter: createLoginRateLimiter(),
    resetMailLimiter: createResetMailLimiter(), ssoKeys: await testSsoKeys(), mailer: createMailer(config, createLogger('silent')),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () => server.close(),
    /** Signs in with the demo password; the session cookie (`session=…`). */
    async signIn(email: string): Promise<string> {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in as ${email}: ${res.status}`);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    },
  };
}
