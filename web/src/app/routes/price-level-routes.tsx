import { PriceLevelsPage } from '@/features/price-levels';
import { paths } from '@/lib/paths';

// The reseller's customers priced by one level: the customers grid with its level filter.
const customersWithLevel = (levelId: string) => `${paths.customers('reseller')}?level=${levelId}`;

export function PriceLevelsRoute() {
  return <PriceLevelsPage customersWithLevel={customersWithLevel} />;
}
