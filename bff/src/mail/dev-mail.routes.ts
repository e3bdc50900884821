import { mailboxSchema } from '@app/shared';
import { defineRoute } from '../http/route.js';
import { OutboxMessage } from './outbox.model.js';

/** The development mailbox; mounted only when no SMTP server is configured (never in production). */
export const devMailRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/dev/mail',
    tag: 'development',
    summary: 'Messages the app would have sent, newest first (development only, without SMTP_URL)',
    access: 'public',
    success: { status: 200, description: 'The outbox', schema: mailboxSchema },
    async handler() {
      const items = await OutboxMessage.find({}).sort({ createdAt: -1 }).limit(100).lean();
      return {
        items: items.map((m) => ({ id: m._id.toHexString(), to: m.to, subject: m.subject, text: m.text, html: m.html, createdAt: m.createdAt.toISOString() })),
      };
    },
  }),
];
