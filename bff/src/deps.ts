import type { Logger } from 'pino';
import type { LoginRateLimiter } from './auth/login-rate-limit.js';
import type { Config } from './config.js';
import type { Mailer } from './mail/mailer.js';
import type { SsoKeys } from './sso/sso-keys.js';
import type { ResetMailLimiter } from './auth/password-setup.service.js';

/** What route handlers may need beyond the request: built once at start-up, replaced in tests. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  sessionKey: Uint8Array;
  loginLimiter: LoginRateLimiter;
  resetMailLimiter: ResetMailLimiter;
  ssoKeys: SsoKeys;
  mailer: Mailer;
}
