import { HomePage } from '@/features/overview';
import { useMe } from '@/features/auth';
import { paths } from '@/lib/paths';
import { AREAS } from '../navigation';

/** The persona's home; RequireArea has already made sure someone is signed in. */
export function AreaHome() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  const area = AREAS[principal.role];
  return (
    <HomePage
      principal={principal}
      title={`${area.label} home`}
      place={area.place(principal)}
      customersLink={principal.abilities.listCustomers && area.customersLink ? { to: paths.customers(principal.role), label: area.customersLink } : undefined}
    />
  );
}
