import { notifications } from '@mantine/notifications';
import { useSsoLink } from '../api/mutations';

/**
 * Asks the BFF for a signed, short-lived link and opens the distributor's workspace in a new tab,
 * so the admin stays where it was. The tab is opened at the click (a tab opened after the request
 * would be taken for a pop-up) and sent to the link once it is there; it cannot reach back to us.
 */
export function useOpenSso(customerId: string) {
  const sso = useSsoLink(customerId);
  return (target: 'services' | 'subscriptions' | 'assets') => {
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    sso.mutate(target, {
      onSuccess: ({ url }) => {
        if (tab) tab.location.href = url;
        else window.location.assign(url);
      },
      onError: (err) => {
        tab?.close();
        notifications.show({ color: 'red', title: 'Could not open the distributor workspace', message: err.message });
      },
    });
  };
}
