import { ExportButton } from '@/components/export-button';
import { priceListUrl } from '../api/keys';

/** The storefront's "Download price list": every active product at the signed-in customer's prices, as a workbook. */
export const DownloadPriceList = () => <ExportButton url={priceListUrl()} label="Download price list" />;
