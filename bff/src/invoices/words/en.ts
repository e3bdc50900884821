/**
 * The few words an invoice's PDF and its email say, in English: the reference every other language
 * must match key for key (`document-words.test.ts`). `{name}` placeholders are filled by `fill`.
 */
export const en = {
  locale: 'en-GB',
  invoice: 'Invoice',
  creditNote: 'Credit note',
  number: 'Number',
  issuedOn: 'Issue date',
  dueOn: 'Due date',
  terms: 'Payment terms',
  order: 'Order',
  reverses: 'Reverses invoice',
  reason: 'Reason',
  seller: 'From',
  buyer: 'Bill to',
  taxId: 'VAT ID',
  description: 'Description',
  quantity: 'Qty',
  unitPrice: 'Unit price',
  vatRate: 'VAT rate',
  vat: 'VAT',
  amount: 'Amount',
  net: 'Net',
  total: 'Total',
  page: 'Page {page} of {pages}',
  termsPrepaid: 'Payment before despatch',
  termsNet0: 'Due on the invoice date',
  termsNet15: 'Net 15 days',
  termsNet30: 'Net 30 days',
  termsNet60: 'Net 60 days',
  mailInvoiceSubject: 'Invoice {number} from {seller}',
  mailCreditNoteSubject: 'Credit note {number} from {seller}',
  mailGreeting: 'Hello {name},',
  mailInvoiceBody: '{seller} issued invoice {number} to {buyer} on {issued}: {total}, due on {due}.',
  mailCreditNoteBody: '{seller} issued credit note {number} to {buyer} on {issued}: {total}, reversing invoice {invoice}.',
  mailWhere: 'You can read it and download its PDF on the Invoices page of your store.',
  mailButton: 'Open Invoices',
};

export type DocumentWords = typeof en;
