import { pino, type Logger } from 'pino';

/** Structured JSON logs; credentials are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.token',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}

/**
 * For work that no request carries (the audit outbox's retries, start-up recovery): the level
 * comes from LOG_LEVEL, as for the server's own logger (silent under vitest unless set).
 */
export const backgroundLogger = createLogger(process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'));
