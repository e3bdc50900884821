import { useMe } from '@/features/auth';
import { ProfilePage } from '@/features/profile';
import { screenLanguage } from '@/lib/i18n';

/** Every persona's profile; where the screens speak the chosen language (the storefront), the page says so. */
export function ProfileRoute() {
  const principal = useMe().data?.principal;
  return <ProfilePage languageShapesScreens={principal?.role === 'storefront' && screenLanguage(principal) === principal.preferences.language} />;
}
