import { useMe } from '@/features/auth';
import { CreditSettingsSection } from '@/features/invoices';
import { OrdersView } from '@/features/orders';
import { ResellerDetailPage, ResellersPage } from '@/features/resellers';
import { paths } from '@/lib/paths';

// RequireArea has already checked the session and the area; these compose the distributor's reseller pages.

export function ResellersRoute() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  return <ResellersPage principal={principal} detailPath={(id) => paths.reseller(principal.role, id)} />;
}

export function ResellerRoute() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  const area = principal.role;
  return (
    <ResellerDetailPage
      listPath={paths.resellers(area)}
      customersPath={(id) => `${paths.customers(area)}?reseller=${id}`}
      dateFormat={principal.preferences.dateFormat}
      canListStaff={principal.abilities.listResellerStaff}
      credit={(reseller) => <CreditSettingsSection resellerId={reseller.id} />}
      orders={(reseller) => (
        <OrdersView
          fixed={{ resellerId: reseller.id }}
          showCustomer
          orderPath={(id) => paths.order(area, id)}
          returnLabel={reseller.name}
          canExport={principal.abilities.exportOrders}
          dateFormat={principal.preferences.dateFormat}
          emptyText={`${reseller.name} has no orders yet.`}
        />
      )}
    />
  );
}
