import type { Types } from 'mongoose';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
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

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** Resolves once the message is handed over; rejects when it could not be. */
  send(message: MailMessage & { tenant: MailTenant }): Promise<void>;
}

/** SMTP through nodemailer when SMTP_URL is set; otherwise the development outbox collection. */
export function createMailer(config: Config, logger: Logger): Mailer {
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return {
      kind: 'smtp',
      async send({ tenant: _tenant, ...message }) {
        const info = await transport.sendMail({ from: config.MAIL_FROM, ...message });
        logger.info({ messageId: info.messageId, subject: message.subject }, 'mail sent');
      },
    };
  }
  return {
    kind: 'outbox',
    async send({ tenant, ...message }) {
      await OutboxMessage.create({ ...message, distributorId: tenant.distributorId, resellerId: tenant.resellerId, createdAt: new Date() });
    },
  };
}
