import { notifications } from '@mantine/notifications';
import { useSsoLink } from '../api/mutations';

/** Asks the BFF for a signed, short-lived link and sends the browser to the distributor's workspace. */
export function useOpenSso(customerId: string) {
  const sso = useSsoLink(customerId);
  return (target: 'services' | 'subscriptions' | 'assets') =>
    sso.mutate(target, {
      onSuccess: ({ url }) => window.location.assign(url),
      onError: (err) => notifications.show({ color: 'red', title: 'Could not open the distributor workspace', message: err.message }),
    });
}
