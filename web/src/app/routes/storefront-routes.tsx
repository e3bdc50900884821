import { useMe } from '@/features/auth';
import { DownloadPriceList } from '@/features/price-levels';
import { CataloguePage } from '@/features/storefront';
import { StorefrontUsersSection } from '@/features/storefront-users';
import { Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from '@/lib/use-page-title';
import { NotFoundPage } from './not-found-page';

// RequireArea has already checked the session and the area; the page gets the names it shows.
export function CatalogueRoute() {
  const principal = useMe().data?.principal;
  return principal ? <CataloguePage customerName={principal.customerName} resellerName={principal.resellerName} canOrder={principal.abilities.placeOrders} actions={<DownloadPriceList />} /> : null;
}

/** Storefront · Company users: the company's admin sets its users' roles and spending limits (the reseller adds users). */
export function CompanyUsersRoute() {
  const principal = useMe().data?.principal;
  usePageTitle('Company users');
  if (!principal) return null;
  if (!principal.abilities.manageCompanyUsers || !principal.customerId) return <NotFoundPage />;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Company users</Title>
        <Text c="dimmed">Who does what at {principal.customerName}: buyers order, approvers approve the buyers’ orders, viewers follow them. {principal.resellerName} adds new users.</Text>
      </div>
      <StorefrontUsersSection customerId={principal.customerId} canAdd={false} onAdd={() => {}} title="Users" />
    </Stack>
  );
}
