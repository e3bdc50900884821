export { HomePage } from './components/home-page';
export { overviewKeys } from './api/get-overview';
export { useLiveOverview } from './api/get-overview';
