import { Types } from 'mongoose';

/** An email as the queue keeps it: rendered once, when the change that causes it is written. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * One message on its way out, as it travels in the outbox of the document whose change causes it
 * and then as a delivery (delivery.model.ts). Every field is set (null, never undefined): the
 * outbox is cleared by exact value, so what is written must read back the same.
 */
export interface OutgoingMessage {
  /** The idempotency key: the delivery's _id, and the email's Message-ID. */
  _id: Types.ObjectId;
  topic: string;
  channel: 'mail';
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId | null;
  customerId: Types.ObjectId | null;
  recipientUserId: Types.ObjectId | null;
  mail: OutgoingMail;
  /** Carries a secret (a sign-in link): the body is dropped once delivered. */
  sensitive: boolean;
  createdAt: Date;
}

export interface MailRecipient {
  _id: Types.ObjectId;
  distributorId: Types.ObjectId;
  resellerId?: Types.ObjectId | null;
  customerId?: Types.ObjectId | null;
}

/** An email to one of our users, filed under the user's place in the tree. */
export function outgoingMail(topic: string, recipient: MailRecipient, mail: OutgoingMail, opts: { sensitive?: boolean; at?: Date } = {}): OutgoingMessage {
  return {
    _id: new Types.ObjectId(),
    topic,
    channel: 'mail',
    distributorId: recipient.distributorId,
    resellerId: recipient.resellerId ?? null,
    customerId: recipient.customerId ?? null,
    recipientUserId: recipient._id,
    mail: { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html },
    sensitive: opts.sensitive ?? false,
    createdAt: opts.at ?? new Date(),
  };
}
