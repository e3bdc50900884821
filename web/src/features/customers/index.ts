export { CustomersPage } from './components/customers-page';
export { CustomerRecordPage } from './components/customer-record-page';
