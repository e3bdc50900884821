export { PriceLevelsPage } from './components/price-levels-page';
export { CustomerPriceLevelsSection } from './components/customer-price-levels-section';
export { DownloadPriceList } from './components/download-price-list';
export { usePriceLevels } from './api/price-levels';
