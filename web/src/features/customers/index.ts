export { CustomersPage, RECORD_ORDER_PARAM } from './components/customers-page';
export { CustomerRecordPage, type RecordSlots } from './components/customer-record-page';
export { CustomerPicker } from './components/customer-picker';
