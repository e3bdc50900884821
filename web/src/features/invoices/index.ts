export { InvoicesPage } from './components/invoices-page';
export { BalanceFacts, InvoicesPanel } from './components/invoices-panel';
export { StatementDownload } from './components/statement-download';
export type { InvoiceFilters } from './api/invoices';
export { CreditSettingsPage, CreditSettingsSection } from './components/credit-settings';
