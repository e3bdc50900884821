export { useResellerOptions } from './api/get-reseller-options';
export { ResellersPage, RESELLER_VIEW_PARAMS } from './components/resellers-page';
export { ResellerDetailPage } from './components/reseller-detail-page';
