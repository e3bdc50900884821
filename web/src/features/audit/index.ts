export { AuditLogPage } from './components/audit-log-page';
export { ObjectHistory } from './components/object-history';
