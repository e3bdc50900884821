import { useMe } from '@/features/auth';
import { useSearchParams } from 'react-router';
import { CustomerRecordPage, CustomersPage, RECORD_ORDER_PARAM, type RecordSlots } from '@/features/customers';
import { OrdersView } from '@/features/orders';
import { useResellerOptions } from '@/features/resellers';
import { AddStorefrontUserDialog, StorefrontUsersSection } from '@/features/storefront-users';
import { paths } from '@/lib/paths';

// RequireArea has already checked the session and that the persona works in this area; these
// pass the principal and the area (for links) on.
export function CustomersRoute() {
  const principal = useMe().data?.principal;
  const resellers = useResellerOptions(Boolean(principal?.abilities.listResellers));
  return principal ? <CustomersPage principal={principal} area={principal.role} resellers={resellers.data ?? []} /> : null;
}

export function CustomerRecordRoute() {
  const principal = useMe().data?.principal;
  const [params] = useSearchParams();
  if (!principal) return null;
  const area = principal.role;
  // The record page with the storefront users and orders sections composed in (features do not import each other).
  const slots: RecordSlots = {
    storefrontUsers: ({ customer, addOpen, openAdd, closeAdd }) => (
      <>
        <StorefrontUsersSection customerId={customer.id} canAdd={customer.abilities.addStorefrontUser} onAdd={openAdd} />
        {customer.abilities.addStorefrontUser && <AddStorefrontUserDialog customerId={customer.id} opened={addOpen} onClose={closeAdd} />}
      </>
    ),
    orders: ({ customer }) => (
      <OrdersView
        fixed={{ customerId: customer.id }}
        initialSearch={params.get(RECORD_ORDER_PARAM) ?? ''}
        orderPath={(id) => paths.order(area, id)}
        dateFormat={principal.preferences.dateFormat}
        emptyText="This customer has no orders yet."
      />
    ),
  };
  return <CustomerRecordPage principal={principal} area={area} slots={slots} />;
}
