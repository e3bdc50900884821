import type { Language, OrderStatus } from '@app/shared';
import type { MailMessage } from './mailer.js';
import { escapeHtml } from './templates.js';

/**
 * Order notifications in en/el/de. The inputs carry prices only: a line has no cost field, so no
 * caller can put the distributor's cost into an email (rule 3), whoever the recipient is.
 */
export interface MailOrderLine {
  name: string;
  sku: string;
  quantity: number;
  /** The customer's unit price (cost plus markup), in cents. */
  unitPriceCents: number;
}

export interface MailOrder {
  number: string;
  customerName: string;
  placedByName: string;
  currency: string;
  lines: MailOrderLine[];
  totalAmountCents: number;
}

interface Copy {
  locale: string;
  status: Record<OrderStatus, string>;
  /** What the new status means for the customer, one sentence. */
  statusMeaning: Partial<Record<OrderStatus, string>>;
  waitingSubject: (number: string, customer: string) => string;
  waitingBody: (name: string, placedBy: string, customer: string, number: string) => string;
  waitingButton: string;
  decidedSubject: (number: string, status: string) => string;
  decidedBody: (name: string, number: string, status: string) => string;
  decidedButton: string;
  receivedSubject: (number: string) => string;
  receivedBody: (name: string, number: string, status: string) => string;
  note: string;
  lines: string;
  total: string;
}

const COPY: Record<Language, Copy> = {
  en: {
    locale: 'en-GB',
    status: { pending_company_approval: 'Pending company approval', pending_approval: 'Pending approval', in_progress: 'In progress', executed: 'Executed', canceled: 'Canceled' },
    statusMeaning: {
      in_progress: 'It has been accepted and is being set up; you will get another email when it is done.',
      executed: 'It has been carried out: the products are ready to use.',
      canceled: 'It will not be carried out.',
    },
    waitingSubject: (n, c) => `Order ${n} from ${c} is waiting for your approval`,
    waitingBody: (name, p, c, n) => `Hello ${name},\n\n${p} of ${c} placed order ${n}. It goes ahead once you accept it.`,
    waitingButton: 'Review the order',
    decidedSubject: (n, s) => `Your order ${n}: ${s}`,
    decidedBody: (name, n, s) => `Hello ${name},\n\nYour order ${n} is now “${s}”.`,
    decidedButton: 'View the order',
    receivedSubject: (n) => `We received your order ${n}`,
    receivedBody: (name, n, s) => `Hello ${name},\n\nWe received your order ${n}. Its status: “${s}”.`,
    note: 'Note',
    lines: 'Products',
    total: 'Total amount',
  },
  el: {
    locale: 'el-GR',
    status: { pending_company_approval: 'Σε αναμονή έγκρισης από την εταιρεία', pending_approval: 'Σε αναμονή έγκρισης', in_progress: 'Σε εξέλιξη', executed: 'Εκτελέστηκε', canceled: 'Ακυρώθηκε' },
    statusMeaning: {
      in_progress: 'Έγινε αποδεκτή και βρίσκεται σε επεξεργασία· θα λάβετε νέο email όταν ολοκληρωθεί.',
      executed: 'Ολοκληρώθηκε: τα προϊόντα είναι έτοιμα για χρήση.',
      canceled: 'Δεν θα εκτελεστεί.',
    },
    waitingSubject: (n, c) => `Η παραγγελία ${n} της ${c} περιμένει την έγκρισή σας`,
    waitingBody: (name, p, c, n) => `Γεια σας ${name},\n\nΟ χρήστης ${p} της ${c} έκανε την παραγγελία ${n}. Θα προχωρήσει μόλις την εγκρίνετε.`,
    waitingButton: 'Έλεγχος παραγγελίας',
    decidedSubject: (n, s) => `Η παραγγελία σας ${n}: ${s}`,
    decidedBody: (name, n, s) => `Γεια σας ${name},\n\nΗ παραγγελία σας ${n} είναι τώρα «${s}».`,
    decidedButton: 'Προβολή παραγγελίας',
    receivedSubject: (n) => `Λάβαμε την παραγγελία σας ${n}`,
    receivedBody: (name, n, s) => `Γεια σας ${name},\n\nΛάβαμε την παραγγελία σας ${n}. Κατάσταση: «${s}».`,
    note: 'Σημείωση',
    lines: 'Προϊόντα',
    total: 'Συνολικό ποσό',
  },
  de: {
    locale: 'de-DE',
    status: { pending_company_approval: 'Wartet auf Freigabe im Unternehmen', pending_approval: 'Wartet auf Freigabe', in_progress: 'In Bearbeitung', executed: 'Ausgeführt', canceled: 'Storniert' },
    statusMeaning: {
      in_progress: 'Sie wurde angenommen und wird eingerichtet; Sie erhalten eine weitere E-Mail, sobald sie ausgeführt ist.',
      executed: 'Sie wurde ausgeführt: Die Produkte sind einsatzbereit.',
      canceled: 'Sie wird nicht ausgeführt.',
    },
    waitingSubject: (n, c) => `Bestellung ${n} von ${c} wartet auf Ihre Freigabe`,
    waitingBody: (name, p, c, n) => `Hallo ${name},\n\n${p} von ${c} hat die Bestellung ${n} aufgegeben. Sie wird ausgeführt, sobald Sie sie annehmen.`,
    waitingButton: 'Bestellung prüfen',
    decidedSubject: (n, s) => `Ihre Bestellung ${n}: ${s}`,
    decidedBody: (name, n, s) => `Hallo ${name},\n\nIhre Bestellung ${n} hat jetzt den Status „${s}“.`,
    decidedButton: 'Bestellung ansehen',
    receivedSubject: (n) => `Wir haben Ihre Bestellung ${n} erhalten`,
    receivedBody: (name, n, s) => `Hallo ${name},\n\nwir haben Ihre Bestellung ${n} erhalten. Ihr Status: „${s}“.`,
    note: 'Anmerkung',
    lines: 'Positionen',
    total: 'Gesamtbetrag',
  },
};

const copyFor = (language: string) => COPY[(language in COPY ? language : 'en') as Language];

/** The status as a customer reads it, in `language` (the web app's wording in English). */
export const orderStatusInWords = (status: OrderStatus, language: string) => copyFor(language).status[status];

function money(cents: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/** Body paragraphs, then the lines with their amounts and the total, then the button and its link. */
function render(o: { to: string; subject: string; paragraphs: string[]; order: MailOrder; copy: Copy; button: string; link: string }): MailMessage {
  const { order, copy } = o;
  const m = (cents: number) => money(cents, order.currency, copy.locale);
  const lines = order.lines.map((l) => ({ label: `${l.quantity} × ${l.name} (${l.sku})`, amount: m(l.unitPriceCents * l.quantity) }));
  const total = `${copy.total}: ${m(order.totalAmountCents)}`;
  const text = [...o.paragraphs, `${copy.lines}:\n${lines.map((l) => `- ${l.label}: ${l.amount}`).join('\n')}\n${total}`, o.link].join('\n\n') + '\n';

  const cell = 'padding:4px 12px 4px 0;border-bottom:1px solid #dee2e6';
  const rows = lines.map((l) => `<tr><td style="${cell}">${escapeHtml(l.label)}</td><td style="${cell};text-align:right">${escapeHtml(l.amount)}</td></tr>`).join('');
  const html =
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#212529">' +
    o.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('') +
    `<table style="border-collapse:collapse;margin:8px 0"><caption style="text-align:left;font-weight:600;padding-bottom:4px">${escapeHtml(copy.lines)}</caption>${rows}</table>` +
    `<p style="font-weight:600">${escapeHtml(total)}</p>` +
    `<p><a href="${escapeHtml(o.link)}" style="display:inline-block;padding:10px 16px;background:#364fc7;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(o.button)}</a></p>` +
    '</body></html>';
  return { to: o.to, subject: o.subject, text, html };
}

/** To a reseller's staff member: a customer's order waits for their approval. */
export function orderWaitingMessage(o: { to: string; name: string; language: string; order: MailOrder; link: string }): MailMessage {
  const copy = copyFor(o.language);
  const { order } = o;
  return render({
    to: o.to,
    subject: copy.waitingSubject(order.number, order.customerName),
    paragraphs: copy.waitingBody(o.name, order.placedByName, order.customerName, order.number).split('\n\n'),
    order,
    copy,
    button: copy.waitingButton,
    link: o.link,
  });
}

/** To the storefront user who placed the order: its new status, and the decision's note if any. */
export function orderDecidedMessage(o: { to: string; name: string; language: string; order: MailOrder; status: OrderStatus; note: string; link: string }): MailMessage {
  const copy = copyFor(o.language);
  const status = copy.status[o.status];
  const intro = copy.decidedBody(o.name, o.order.number, status).split('\n\n');
  const meaning = copy.statusMeaning[o.status];
  const paragraphs = [...intro.slice(0, -1), meaning ? `${intro.at(-1)} ${meaning}` : intro.at(-1)!];
  if (o.note.trim()) paragraphs.push(`${copy.note}: ${o.note.trim()}`);
  return render({
    to: o.to,
    subject: copy.decidedSubject(o.order.number, status),
    paragraphs,
    order: o.order,
    copy,
    button: copy.decidedButton,
    link: o.link,
  });
}

/** To the storefront user who placed an order: it was received, with its status (it may wait for approval). */
export function orderReceivedMessage(o: { to: string; name: string; language: string; order: MailOrder; status: OrderStatus; link: string }): MailMessage {
  const copy = copyFor(o.language);
  return render({
    to: o.to,
    subject: copy.receivedSubject(o.order.number),
    paragraphs: copy.receivedBody(o.name, o.order.number, copy.status[o.status]).split('\n\n'),
    order: o.order,
    copy,
    button: copy.decidedButton,
    link: o.link,
  });
}
