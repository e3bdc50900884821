import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { PaymentTerms } from '@app/shared';
import { fill, formatDay, formatMoney, formatRate, termsInWords, wordsFor, type DocumentWords } from './words/index.js';

/*
 * An invoice or credit note as a PDF (pdfkit), in the language it was issued in. Text is set in
 * DejaVu Sans (npm `dejavu-fonts-ttf`), embedded as a subset of the glyphs used: Greek, German and
 * the currency signs come out as text a reader (and the test) can copy. What it is given is the
 * document's own fields, copied one by one below: an invoice holds prices, never a cost.
 */

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
/** Read once per process (about 1 MB for both); pdfkit embeds only the glyphs a document uses. */
const fontFiles = () =>
  (fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  });

interface Party {
  name: string;
  taxId?: string | null;
  lines: string[];
  email?: string | null;
}

/** What the PDF shows of a document: every field it prints, and nothing else. */
export interface PrintedDocument {
  kind: 'invoice' | 'credit_note';
  number: string;
  language: string;
  currency: string;
  issuedAt: Date;
  dueAt: Date | null;
  paymentTerms: PaymentTerms | null;
  orderNumber: string | null;
  invoiceNumber: string | null;
  reason: string;
  seller: Party;
  buyer: Party;
  lines: { sku: string; name: string; quantity: number; unitPriceCents: number; vatRateBp: number; vatCents: number; grossCents: number }[];
  netCents: number;
  vatCents: number;
  totalCents: number;
}

/** The printed fields of a stored document, copied field by field. */
export function printedDocument(i: {
  kind: string;
  number?: string | null;
  language: string;
  currency: string;
  issuedAt: Date;
  dueAt?: Date | null;
  paymentTerms?: string | null;
  orderNumber?: string | null;
  invoiceNumber?: string | null;
  reason?: string | null;
  seller: Party;
  buyer: Party;
  lines: PrintedDocument['lines'];
  netCents: number;
  vatCents: number;
  totalCents: number;
}): PrintedDocument {
  const party = (p: Party): Party => ({ name: p.name, taxId: p.taxId ?? '', lines: [...p.lines], email: p.email ?? '' });
  return {
    kind: i.kind === 'credit_note' ? 'credit_note' : 'invoice',
    number: i.number ?? '',
    language: i.language,
    currency: i.currency,
    issuedAt: i.issuedAt,
    dueAt: i.dueAt ?? null,
    paymentTerms: (i.paymentTerms as PaymentTerms | null | undefined) ?? null,
    orderNumber: i.orderNumber ?? null,
    invoiceNumber: i.invoiceNumber ?? null,
    reason: i.reason ?? '',
    seller: party(i.seller),
    buyer: party(i.buyer),
    lines: i.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, vatRateBp: l.vatRateBp, vatCents: l.vatCents, grossCents: l.grossCents })),
    netCents: i.netCents,
    vatCents: i.vatCents,
    totalCents: i.totalCents,
  };
}

/** `INV-2026-000123.pdf`: the number is letters, digits and dashes already; anything else becomes `_`. */
export const pdfFileName = (number: string) => `${number.replace(/[^A-Za-z0-9-]/g, '_') || 'document'}.pdf`;

const MARGIN = 50;
const INK = '#212529';
const MUTED = '#6c757d';
const RULE = '#ced4da';

/** The table's columns: Description, Qty, Unit price, VAT rate, VAT, Amount (the line with its VAT). */
const COLUMNS = [
  { key: 'description', width: 185, align: 'left' },
  { key: 'quantity', width: 40, align: 'right' },
  { key: 'unitPrice', width: 75, align: 'right' },
  { key: 'vatRate', width: 55, align: 'right' },
  { key: 'vat', width: 65, align: 'right' },
  { key: 'amount', width: 75, align: 'right' },
] as const satisfies readonly { key: keyof DocumentWords; width: number; align: 'left' | 'right' }[];

/**
 * The document as a PDF stream (pdfkit's document is a Readable): pipe it to the response. Pages
 * are kept until the end so each can say "page n of m"; an invoice is a few pages at most.
 */
export function invoicePdf(d: PrintedDocument): PDFKit.PDFDocument {
  const w = wordsFor(d.language);
  const money = (cents: number) => formatMoney(cents, d.currency, w);
  const title = d.kind === 'credit_note' ? w.creditNote : w.invoice;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: w.locale,
    displayTitle: true,
    info: { Title: `${title} ${d.number}`, Author: d.seller.name, Subject: d.buyer.name, Creator: 'Storefront Admin' },
  });
  const { regular, bold } = fontFiles();
  pdf.registerFont('body', regular);
  pdf.registerFont('bold', bold);
  const left = MARGIN;
  const width = pdf.page.width - 2 * MARGIN;

  // Heading: what it is and its number.
  pdf.font('bold').fontSize(20).fillColor(INK).text(title, left, MARGIN, { width: width / 2 });
  pdf.font('bold').fontSize(12).text(d.number, left + width / 2, MARGIN + 6, { width: width / 2, align: 'right' });
  let y = MARGIN + 44;

  // Seller and buyer side by side.
  const partyBlock = (label: string, p: Party, x: number) => {
    pdf.font('body').fontSize(8).fillColor(MUTED).text(label.toLocaleUpperCase(w.locale), x, y, { width: width / 2 - 10 });
    pdf.font('bold').fontSize(10).fillColor(INK).text(p.name, { width: width / 2 - 10 });
    pdf.font('body').fontSize(9);
    for (const line of p.lines) pdf.text(line, { width: width / 2 - 10 });
    if (p.email) pdf.text(p.email, { width: width / 2 - 10 });
    if (p.taxId) pdf.text(`${w.taxId}: ${p.taxId}`, { width: width / 2 - 10 });
    return pdf.y;
  };
  y = Math.max(partyBlock(w.seller, d.seller, left), partyBlock(w.buyer, d.buyer, left + width / 2 + 10)) + 18;

  // The facts: dates, terms, the order or the invoice reversed.
  const facts: [string, string][] = [
    [w.number, d.number],
    [w.issuedOn, formatDay(d.issuedAt, w)],
    ...(d.dueAt ? ([[w.dueOn, formatDay(d.dueAt, w)]] as [string, string][]) : []),
    ...(d.paymentTerms && d.kind === 'invoice' ? ([[w.terms, termsInWords(d.paymentTerms, w)]] as [string, string][]) : []),
    ...(d.orderNumber ? ([[w.order, d.orderNumber]] as [string, string][]) : []),
    ...(d.kind === 'credit_note' && d.invoiceNumber ? ([[w.reverses, d.invoiceNumber]] as [string, string][]) : []),
    ...(d.kind === 'credit_note' && d.reason ? ([[w.reason, d.reason]] as [string, string][]) : []),
  ];
  for (const [label, value] of facts) {
    pdf.font('body').fontSize(9).fillColor(MUTED).text(label, left, y, { width: 130 });
    pdf.font('body').fontSize(9).fillColor(INK).text(value, left + 130, y, { width: width - 130 });
    y = pdf.y + 3;
  }
  y += 14;

  // The lines, with the header again on every page they run onto.
  const bottom = () => pdf.page.height - MARGIN - 20;
  const header = () => {
    pdf.font('bold').fontSize(8).fillColor(MUTED);
    let x = left;
    for (const c of COLUMNS) {
      pdf.text(w[c.key], x + 2, y, { width: c.width - 4, align: c.align });
      x += c.width;
    }
    y = pdf.y + 4;
    pdf.moveTo(left, y).lineTo(left + width, y).strokeColor(RULE).lineWidth(0.8).stroke();
    y += 5;
  };
  header();
  for (const l of d.lines) {
    const cells = [`${l.name}\n${l.sku}`, String(l.quantity), money(l.unitPriceCents), formatRate(l.vatRateBp, w), money(l.vatCents), money(l.grossCents)];
    pdf.font('body').fontSize(9);
    const height = Math.max(...cells.map((text, i) => pdf.heightOfString(text, { width: COLUMNS[i]!.width - 4 })));
    if (y + height > bottom()) {
      pdf.addPage();
      y = MARGIN;
      header();
      pdf.font('body').fontSize(9);
    }
    let x = left;
    cells.forEach((text, i) => {
      pdf.fillColor(INK).text(text, x + 2, y, { width: COLUMNS[i]!.width - 4, align: COLUMNS[i]!.align });
      x += COLUMNS[i]!.width;
    });
    y += height + 5;
    pdf.moveTo(left, y - 2).lineTo(left + width, y - 2).strokeColor(RULE).lineWidth(0.4).stroke();
  }

  // Totals, right-aligned under the amounts.
  if (y + 60 > bottom()) {
    pdf.addPage();
    y = MARGIN;
  }
  y += 8;
  const labelX = left + width - 240;
  for (const [label, cents, strong] of [
    [w.net, d.netCents, false],
    [w.vat, d.vatCents, false],
    [w.total, d.totalCents, true],
  ] as const) {
    pdf.font(strong ? 'bold' : 'body').fontSize(strong ? 11 : 9).fillColor(INK);
    pdf.text(label, labelX, y, { width: 140, align: 'right' });
    pdf.text(money(cents), labelX + 140, y, { width: 100, align: 'right' });
    y = pdf.y + 4;
  }

  // "Page n of m" at the foot of every page, written in the bottom margin.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('body').fontSize(8).fillColor(MUTED).text(`${d.number} · ${fill(w.page, { page: i + 1, pages: range.count })}`, left, pdf.page.height - MARGIN + 10, { width, align: 'right' });
    pdf.page.margins.bottom = margin;
  }
  pdf.end();
  return pdf;
}
