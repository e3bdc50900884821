import type { Logger } from 'pino';
import type { LoginRateLimiter } from './auth/login-rate-limit.js';
import type { Config } from './config.js';
import type { Courier } from './deliveries/courier.js';
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
  /** Delivers the outgoing messages queue (email through the mailer it was made with). */
  courier: Courier;
}
