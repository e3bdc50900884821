import { HomePage } from '@/features/overview';
import { useMe } from '@/features/auth';
import { paths } from '@/lib/paths';
import { AREAS } from '../navigation';

/** The persona's home; RequireArea has already made sure someone is signed in. */
export function AreaHome() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  const area = principal.role;
  const words = AREAS[area];
  const { abilities } = principal;
  return (
    <HomePage
      principal={principal}
      title={`${words.label} home`}
      place={words.place(principal)}
      links={{
        customers: abilities.listCustomers && words.customersLink ? { to: paths.customers(area), label: words.customersLink } : undefined,
        ordersPendingApproval: abilities.approveOrders ? { to: paths.approvals(area), label: 'Open approvals' } : undefined,
        ordersInProgress: abilities.finishOrders ? { to: paths.ordersInProgress(area), label: 'Open the queue' } : undefined,
        ordersTotal: abilities.placeOrders && !abilities.listCustomers ? { to: paths.orders(area), label: 'Open my orders' } : undefined,
      }}
    />
  );
}
