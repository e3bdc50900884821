import { useMe } from '@/features/auth';
import { DownloadPriceList } from '@/features/price-levels';
import { CataloguePage } from '@/features/storefront';
import { StorefrontUsersSection } from '@/features/storefront-users';
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from '@/lib/i18n';
import { usePageTitle } from '@/lib/use-page-title';
import { NotFoundPage } from './not-found-page';

// RequireArea has already checked the session and the area; the page gets the names it shows.
export function CatalogueRoute() {
  const principal = useMe().data?.principal;
  return principal ? <CataloguePage customerName={principal.customerName} resellerName={principal.resellerName} canOrder={principal.abilities.placeOrders} actions={<DownloadPriceList />} /> : null;
}

/** Storefront · Company users: the company's admin sets its users' roles and spending limits (the reseller adds users). */
export function CompanyUsersRoute() {
  const { t } = useTranslation('account');
  const principal = useMe().data?.principal;
  usePageTitle(t('companyUsers.title'));
  if (!principal) return null;
  if (!principal.abilities.manageCompanyUsers || !principal.customerId) return <NotFoundPage />;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('companyUsers.title')}</Title>
        <Text c="dimmed">{t('companyUsers.intro', { customer: principal.customerName, reseller: principal.resellerName })}</Text>
      </div>
      <StorefrontUsersSection customerId={principal.customerId} canAdd={false} onAdd={() => {}} title={t('companyUsers.users')} dateFormat={principal.preferences.dateFormat} />
    </Stack>
  );
}
