import { useMe } from '@/features/auth';
import { CustomerRecordPage, CustomersPage, type RecordSlots } from '@/features/customers';
import { AddStorefrontUserDialog, StorefrontUsersSection } from '@/features/storefront-users';

// RequireArea has already checked the session and the role; these only pass the principal on.
export function CustomersRoute() {
  const principal = useMe().data?.principal;
  return principal ? <CustomersPage principal={principal} /> : null;
}

/** The record page with the storefront users section composed in (features do not import each other). */
const slots: RecordSlots = {
  storefrontUsers: ({ customer, addOpen, openAdd, closeAdd }) => (
    <>
      <StorefrontUsersSection customerId={customer.id} canManage={customer.abilities.manage} onAdd={openAdd} />
      {customer.abilities.manage && <AddStorefrontUserDialog customerId={customer.id} opened={addOpen} onClose={closeAdd} />}
    </>
  ),
};

export function CustomerRecordRoute() {
  const principal = useMe().data?.principal;
  return principal ? <CustomerRecordPage principal={principal} slots={slots} /> : null;
}
