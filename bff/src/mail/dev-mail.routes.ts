import { isIP } from 'node:net';
import { mailboxSchema } from '@app/shared';
import type { Config } from '../config.js';
import { defineRoute } from '../http/route.js';
import { scopeFilter } from '../tenancy/tenant-plugin.js';
import { OutboxMessage } from './outbox.model.js';
import { devMailPolicy } from '../policies/dev-mail.js';

type MailboxConfig = Pick<Config, 'SMTP_URL' | 'isProduction' | 'HOST' | 'DEV_MAILBOX'>;

/** localhost, 127.0.0.0/8 and ::1 (also IPv4-mapped): addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) !== 6) return false;
  const normal = new URL(`http://[${h}]`).hostname; // e.g. [::1], or [::ffff:7f00:1] for ::ffff:127.0.0.1
  return normal === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(normal);
}

/**
 * The development mailbox exists only without SMTP and outside production, and only while the
 * server listens on a loopback address, unless DEV_MAILBOX=1 says so explicitly (a shared test box).
 */
export function devMailboxEnabled(config: MailboxConfig): boolean {
  if (config.SMTP_URL || config.isProduction) return false;
  return isLoopbackHost(config.HOST) || config.DEV_MAILBOX === '1';
}

/** The development mailbox: staff see the mail sent to accounts inside their own subtree. */
export const devMailRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/dev/mail',
    tag: 'development',
    summary: 'Messages the app would have sent to accounts in your subtree, newest first (development only, without SMTP_URL)',
    access: 'session',
    roles: devMailPolicy.roles('devMail.read'),
    success: { status: 200, description: 'The outbox', schema: mailboxSchema },
    async handler({ scope }) {
      const filter = scopeFilter(scope, { distributor: 'distributorId', reseller: 'resellerId' });
      const items = await OutboxMessage.find(filter).sort({ createdAt: -1 }).limit(100).lean();
      return {
        items: items.map((m) => ({ id: m._id.toHexString(), to: m.to, subject: m.subject, text: m.text, html: m.html, createdAt: m.createdAt.toISOString() })),
      };
    },
  }),
];
