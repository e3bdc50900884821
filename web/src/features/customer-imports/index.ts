export { ImportsPage } from './components/imports-page';
export { ImportReportPage } from './components/import-report-page';
