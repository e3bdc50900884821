export { InvoicesPage } from './components/invoices-page';
export { BalanceFacts, InvoicesPanel } from './components/invoices-panel';
