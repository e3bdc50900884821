import { useMe } from '@/features/auth';
import { CustomerRecordPage, CustomersPage } from '@/features/customers';

// RequireArea has already checked the session and the role; these only pass the principal on.
export function CustomersRoute() {
  const principal = useMe().data?.principal;
  return principal ? <CustomersPage principal={principal} /> : null;
}

export function CustomerRecordRoute() {
  const principal = useMe().data?.principal;
  return principal ? <CustomerRecordPage principal={principal} /> : null;
}
