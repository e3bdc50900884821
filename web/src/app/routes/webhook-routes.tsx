import { useMe } from '@/features/auth';
import { WebhooksPage } from '@/features/webhooks';
import { NotFoundPage } from './not-found-page';

// RequireArea has already checked the session and the area; the page itself needs its ability.
export function WebhooksRoute() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  if (!principal.abilities.manageWebhooks) return <NotFoundPage />;
  return <WebhooksPage principal={principal} />;
}
