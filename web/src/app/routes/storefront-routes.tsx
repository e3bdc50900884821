import { useMe } from '@/features/auth';
import { DownloadPriceList } from '@/features/price-levels';
import { CataloguePage } from '@/features/storefront';

// RequireArea has already checked the session and the area; the page gets the names it shows.
export function CatalogueRoute() {
  const principal = useMe().data?.principal;
  return principal ? <CataloguePage customerName={principal.customerName} resellerName={principal.resellerName} canOrder={principal.abilities.placeOrders} actions={<DownloadPriceList />} /> : null;
}
