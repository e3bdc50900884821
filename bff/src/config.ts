import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  MONGODB_URI: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data')),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a TLS-terminating proxy: the number of hops to trust for the client address. */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /**
   * The origin (scheme://host[:port]) browsers use: every emailed link is built from it, and requests
   * naming another Host are refused. Required in production; development: http://localhost:PORT.
   */
  PUBLIC_ORIGIN: z
    .url()
    .refine((v) => /^https?:$/.test(new URL(v).protocol) && new URL(v).pathname === '/' && !new URL(v).search && !new URL(v).hash, {
      message: 'PUBLIC_ORIGIN must be an origin only, e.g. https://admin.example.com (no path)',
    })
    .transform((v) => new URL(v).origin)
    .optional(),
  /** `1` mounts the development mailbox although HOST is not a loopback address (never in production or with SMTP). */
  DEV_MAILBOX: z.enum(['0', '1']).default('0'),
  WEB_DIST: z.string().default(path.join(repoRoot, 'web/dist')),
  FERRETDB_BIN: z.string().optional(),
  /**
   * An existing PostgreSQL for the embedded FerretDB (postgres://user@host:5432/db); unset: the BFF
   * starts its own under DATA_DIR. Ignored with MONGODB_URI.
   */
  POSTGRES_URL: z.string().regex(/^postgres(ql)?:\/\//, 'POSTGRES_URL must start with postgres://').optional(),
  /** smtp://user:pass@host:587 or smtps://…; unset in development: mail goes to the dev outbox. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('Storefront Admin <no-reply@storefront-admin.example>'),
  /**
   * The delivery queue's pacing (deliveries/delivery-timing.ts): retries after 30 s, doubling up to
   * 1 h, for 24 h; a claim's lease 2 min; a look for due messages every 5 s. Tests shorten them.
   */
  DELIVERY_FIRST_RETRY_MS: z.coerce.number().int().min(1).default(30_000),
  DELIVERY_MAX_RETRY_MS: z.coerce.number().int().min(1).default(3_600_000),
  DELIVERY_GIVE_UP_MS: z.coerce.number().int().min(0).default(86_400_000),
  DELIVERY_LEASE_MS: z.coerce.number().int().min(100).default(120_000),
  DELIVERY_POLL_MS: z.coerce.number().int().min(10).default(5_000),
  /**
   * `1` lets webhooks reach loopback, private and link-local addresses and plain http:// URLs
   * (a receiver on this machine: development, tests); never in production (webhooks/ssrf-guard.ts).
   */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
  /**
   * `off`: this process's housekeeping issues no monthly subscription invoices (another process of
   * the deployment does; issuing is idempotent, so two that do are harmless too).
   */
  MONTHLY_INVOICES: z.enum(['on', 'off']).default('on'),
  /** How long a webhook receiver has to answer before the attempt counts as failed (and is retried). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

export type Config = Omit<z.infer<typeof envSchema>, 'PUBLIC_ORIGIN'> & {
  /** Always set: from the environment, or the development default. */
  PUBLIC_ORIGIN: string;
  isProduction: boolean;
  repoRoot: string;
  /** Production cookies are `__Host-` prefixed and Secure; local HTTP development cannot use either. */
  secureCookies: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`MONGODB_URI=`) means unset, as in most shells' habits.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  const isProduction = cfg.NODE_ENV === 'production';
  if (isProduction && !cfg.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET is required in production (at least 32 random characters).');
  }
  if (isProduction && !cfg.MONGODB_URI) {
    throw new ConfigError('MONGODB_URI is required in production; the embedded database is for development only.');
  }
  if (isProduction && !cfg.SMTP_URL) {
    throw new ConfigError('SMTP_URL is required in production: storefront users must receive their activation emails.');
  }
  if (isProduction && !cfg.PUBLIC_ORIGIN) {
    throw new ConfigError('PUBLIC_ORIGIN is required in production (e.g. https://admin.example.com): emailed links are built from it.');
  }
  if (isProduction && cfg.WEBHOOK_ALLOW_PRIVATE === '1') {
    throw new ConfigError('WEBHOOK_ALLOW_PRIVATE=1 is for development only: in production webhooks must not reach private addresses.');
  }
  const PUBLIC_ORIGIN = cfg.PUBLIC_ORIGIN ?? `http://localhost:${cfg.PORT}`;
  return { ...cfg, PUBLIC_ORIGIN, DATA_DIR: path.resolve(cfg.DATA_DIR), isProduction, repoRoot, secureCookies: isProduction };
}

