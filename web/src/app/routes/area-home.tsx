import { HomePage } from '@/features/overview';
import { useMe } from '@/features/auth';

/** The persona's home; RequireArea has already made sure someone is signed in. */
export function AreaHome() {
  const principal = useMe().data?.principal;
  return principal ? <HomePage principal={principal} /> : null;
}
