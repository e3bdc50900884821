import type { Types } from 'mongoose';
import { invoicesPagePath } from '@app/shared';
import { outgoingMail, type OutgoingMessage } from '../deliveries/outgoing-message.js';
import type { MailMessage } from '../mail/mailer.js';
import { escapeHtml } from '../mail/templates.js';
import { invoiceRecipients } from './invoice-recipients.js';
import { fill, formatDay, formatMoney, wordsFor } from './words/index.js';

/*
 * The email announcing an issued invoice or credit note to the customer's accounts users (its
 * buyers when it has none: invoice-recipients.ts), each in their own language, with a link to the
 * storefront's Invoices page where its PDF is. Composed before the write that announces the
 * document and carried in it (numberAndAnnounce, the delivery outbox), so it is queued once.
 * It says what the customer owes: number, dates, total; an invoice holds no cost to say.
 */

let linkOrigin = 'http://localhost:3000';

/** Where the emailed links point (PUBLIC_ORIGIN): set once by the app, as issuing runs without a request. */
export function setInvoiceLinkOrigin(origin: string): void {
  linkOrigin = origin;
}

/** What the email says of a document: its own fields, copied (never a cost, which it does not hold). */
export interface AnnouncedDocument {
  _id: Types.ObjectId;
  distributorId: Types.ObjectId;
  customerId: Types.ObjectId;
  kind: string;
  number: string;
  invoiceNumber?: string | null;
  issuedAt: Date;
  dueAt?: Date | null;
  currency: string;
  totalCents: number;
  seller: { name: string };
  buyer: { name: string };
}

/** One email: greeting, what was issued, where to read it, the button. */
export function invoiceIssuedMail(o: { to: string; name: string; language: string; doc: AnnouncedDocument; link: string }): MailMessage {
  const w = wordsFor(o.language);
  const { doc } = o;
  const values = {
    number: doc.number,
    seller: doc.seller.name,
    buyer: doc.buyer.name,
    issued: formatDay(doc.issuedAt, w),
    due: doc.dueAt ? formatDay(doc.dueAt, w) : formatDay(doc.issuedAt, w),
    total: formatMoney(doc.totalCents, doc.currency, w),
    invoice: doc.invoiceNumber ?? '',
    name: o.name,
  };
  const credit = doc.kind === 'credit_note';
  const subject = fill(credit ? w.mailCreditNoteSubject : w.mailInvoiceSubject, values);
  const paragraphs = [fill(w.mailGreeting, values), fill(credit ? w.mailCreditNoteBody : w.mailInvoiceBody, values), w.mailWhere];
  const text = [...paragraphs, o.link].join('\n\n') + '\n';
  const html =
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#212529">' +
    paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    `<p><a href="${escapeHtml(o.link)}" style="display:inline-block;padding:10px 16px;background:#364fc7;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(w.mailButton)}</a></p>` +
    '</body></html>';
  return { to: o.to, subject, text, html };
}

/** The emails announcing `doc`: one per recipient, to be written with the announcement. */
export async function invoiceIssuedMessages(doc: AnnouncedDocument, at: Date): Promise<OutgoingMessage[]> {
  const recipients = await invoiceRecipients(doc);
  const link = `${linkOrigin}${invoicesPagePath('storefront')}`;
  const topic = doc.kind === 'credit_note' ? 'credit_note.issued' : 'invoice.issued';
  return recipients.map((u) => outgoingMail(topic, u, invoiceIssuedMail({ to: u.email, name: u.firstName, language: u.language, doc, link }), { at }));
}
