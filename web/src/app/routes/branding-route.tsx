import { useMe } from '@/features/auth';
import { BrandingPage } from '@/features/branding';
import { NotFoundPage } from './not-found-page';

// RequireArea has already checked the session and the area; the page itself needs its ability.
export function BrandingRoute() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  if (!principal.abilities.manageBranding) return <NotFoundPage />;
  return <BrandingPage />;
}
