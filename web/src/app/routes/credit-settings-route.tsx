import { useMe } from '@/features/auth';
import { CreditSettingsPage } from '@/features/invoices';
import { NotFoundPage } from './not-found-page';

// RequireArea has already checked the session and the area; the page itself needs its ability.
export function CreditSettingsRoute() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  if (!principal.abilities.manageCreditSettings || !principal.resellerId) return <NotFoundPage />;
  return <CreditSettingsPage resellerId={principal.resellerId} />;
}
