import { useMe } from '@/features/auth';
import { CustomerRecordPage, CustomersPage, type RecordSlots } from '@/features/customers';
import { AddStorefrontUserDialog, StorefrontUsersSection } from '@/features/storefront-users';

// RequireArea has already checked the session and that the persona works in this area; these
// pass the principal and the area (for links) on.
export function CustomersRoute() {
  const principal = useMe().data?.principal;
  return principal ? <CustomersPage principal={principal} area={principal.role} /> : null;
}

/** The record page with the storefront users section composed in (features do not import each other). */
const slots: RecordSlots = {
  storefrontUsers: ({ customer, addOpen, openAdd, closeAdd }) => (
    <>
      <StorefrontUsersSection customerId={customer.id} canAdd={customer.abilities.addStorefrontUser} onAdd={openAdd} />
      {customer.abilities.addStorefrontUser && <AddStorefrontUserDialog customerId={customer.id} opened={addOpen} onClose={closeAdd} />}
    </>
  ),
};

export function CustomerRecordRoute() {
  const principal = useMe().data?.principal;
  return principal ? <CustomerRecordPage principal={principal} area={principal.role} slots={slots} /> : null;
}
