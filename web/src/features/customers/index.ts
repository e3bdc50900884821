export { CustomersPage } from './components/customers-page';
export { CustomerRecordPage, type RecordSlots } from './components/customer-record-page';
