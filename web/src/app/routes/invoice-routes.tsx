import { useMe } from '@/features/auth';
import { InvoicesPage } from '@/features/invoices';

export function InvoicesRoute() {
  const principal = useMe().data?.principal;
  return principal ? <InvoicesPage principal={principal} /> : null;
}
