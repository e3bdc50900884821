import type { Types } from 'mongoose';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { OutboxMessage } from './outbox.model.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The tenant the recipient belongs to: the development mailbox shows a message only inside its subtree. */
export interface MailTenant {
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId | null;
}

/**
 * What makes a send idempotent where the receiver can tell: `id` is the message's key in the
 * delivery queue, `messageId` the Message-ID header built from it. A retry after a crash sends the
 * same Message-ID; the development outbox keeps one copy per id.
 */
export interface MailIdentity {
  id: Types.ObjectId;
  messageId: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** Resolves once the message is handed over; rejects when it could not be. */
  send(message: MailMessage & MailIdentity & { tenant: MailTenant }): Promise<void>;
}

/** A send that waits longer than this fails and is retried, well inside a delivery's lease. */
const SMTP_TIMEOUT_MS = 30_000;

/** SMTP through nodemailer when SMTP_URL is set; otherwise the development outbox collection. */
export function createMailer(config: Config, logger: Logger): Mailer {
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport({
      url: config.SMTP_URL,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    return {
      kind: 'smtp',
      async send({ tenant: _tenant, id: _id, ...message }) {
        const info = await transport.sendMail({ from: config.MAIL_FROM, ...message });
        logger.info({ messageId: info.messageId, subject: message.subject }, 'mail sent');
      },
    };
  }
  return {
    kind: 'outbox',
    async send({ tenant, id, messageId: _messageId, ...message }) {
      try {
        await OutboxMessage.create({ _id: id, ...message, distributorId: tenant.distributorId, resellerId: tenant.resellerId, createdAt: new Date() });
      } catch (err) {
        // The same message again (a retry after a crash): the mailbox has it already.
        if (!isDuplicateKey(err)) throw err;
      }
    },
  };
}
