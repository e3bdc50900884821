import { Types } from 'mongoose';

/** An email as the queue keeps it: rendered once, when the change that causes it is written. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** A webhook call as the queue keeps it: the event's JSON, rendered once; signed at each attempt. */
export interface OutgoingWebhook {
  endpointId: Types.ObjectId;
  url: string;
  /** The event type (`order.placed`, …): what staff see in the endpoint's log. */
  event: string;
  /** The request body, exactly as sent (the signature covers these bytes). */
  body: string;
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
  channel: 'mail' | 'webhook';
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId | null;
  customerId: Types.ObjectId | null;
  recipientUserId: Types.ObjectId | null;
  mail: OutgoingMail | null;
  webhook: OutgoingWebhook | null;
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
    webhook: null,
    sensitive: opts.sensitive ?? false,
    createdAt: opts.at ?? new Date(),
  };
}

/** A webhook call to one endpoint, filed under the endpoint owner's place in the tree. */
export function outgoingWebhook(
  owner: { distributorId: Types.ObjectId; resellerId: Types.ObjectId | null },
  webhook: OutgoingWebhook,
  opts: { id?: Types.ObjectId; at?: Date } = {},
): OutgoingMessage {
  return {
    _id: opts.id ?? new Types.ObjectId(),
    topic: `webhook.${webhook.event}`,
    channel: 'webhook',
    distributorId: owner.distributorId,
    resellerId: owner.resellerId,
    customerId: null,
    recipientUserId: null,
    mail: null,
    webhook: { endpointId: webhook.endpointId, url: webhook.url, event: webhook.event, body: webhook.body },
    sensitive: false,
    createdAt: opts.at ?? new Date(),
  };
}

/** Who a message goes to and what it is, in a line: an email's address and subject, a webhook's URL and event. */
export function deliveryHeadline(d: { mail: { to: string; subject: string } | null; webhook: { url: string; event: string } | null }): { to: string; subject: string } {
  if (d.webhook) return { to: d.webhook.url, subject: d.webhook.event };
  return { to: d.mail?.to ?? '', subject: d.mail?.subject ?? '' };
}
