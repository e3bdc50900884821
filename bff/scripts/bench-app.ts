// The BFF inside a benchmark's own process (bench-db.ts, bench-overhead.ts), on whatever database
// mongoose is connected to, configured as in production, and sign-in for it.
import { once } from 'node:events';
import '../src/models.js'; // registers every model with the database layer
import { createApp } from '../src/app.js';
import { createLoginRateLimiter } from '../src/auth/login-rate-limit.js';
import { createResetMailLimiter } from '../src/auth/password-setup.service.js';
import type { Config } from '../src/config.js';
import { DEMO_PASSWORD } from '../src/seed/demo-data.js';
import { createLogger } from '../src/logger.js';
import { freePort } from '../src/db/supervised-server.js';
import { createMailCourier } from '../src/deliveries/courier.js';
import { createMailer } from '../src/mail/mailer.js';
import { testSsoKeys } from '../src/sso/sso-keys.js';

export const BENCH_SESSION_KEY = new TextEncoder().encode('b'.repeat(40));

/**
 * Starts the app as production runs it — NODE_ENV=production, so no response-schema checks
 * (mount-routes.ts) and production headers and cookies — on a free loopback port named as its
 * PUBLIC_ORIGIN. The database settings of `base` stay: the caller has connected mongoose already.
 */
export async function startBenchApp(base: Config, logLevel = 'silent') {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config: Config = { ...base, NODE_ENV: 'production', isProduction: true, secureCookies: true, PUBLIC_ORIGIN: origin };
  const app = createApp({
    config, logger: createLogger(logLevel as 'silent'), sessionKey: BENCH_SESSION_KEY, loginLimiter: createLoginRateLimiter(),
    resetMailLimiter: createResetMailLimiter(), ssoKeys: await testSsoKeys(), courier: createMailCourier(createMailer(config, createLogger('silent')), config, createLogger('silent')),
  });
  const server = app.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    base: origin,
    close: () => server.close(),
    /** Signs in with the demo password; the session cookie (`session=…`). */
    async signIn(email: string): Promise<string> {
      const res = await fetch(`${origin}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in as ${email}: ${res.status}`);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    },
  };
}
