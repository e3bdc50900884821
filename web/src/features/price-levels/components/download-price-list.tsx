import { useTranslation } from '@/lib/i18n';
import { ExportButton } from '@/components/export-button';
import { priceListUrl } from '../api/keys';

/** The storefront's "Download price list": every active product at the signed-in customer's prices, as a workbook. */
export function DownloadPriceList() {
  const { t } = useTranslation('catalogue');
  return <ExportButton url={priceListUrl()} label={t('priceList')} />;
}
