export { useResellerOptions } from './api/get-reseller-options';
export { ResellersPage } from './components/resellers-page';
export { ResellerDetailPage } from './components/reseller-detail-page';
