import { useTranslation } from '@/lib/i18n';
import { HomePage } from '@/features/overview';
import { useMe } from '@/features/auth';
import { paths, RESELLER_VIEW_PARAMS } from '@/lib/paths';
import { AREAS } from '../navigation';

/** The persona's home; RequireArea has already made sure someone is signed in. */
export function AreaHome() {
  const { t } = useTranslation();
  const principal = useMe().data?.principal;
  if (!principal) return null;
  const area = principal.role;
  const words = AREAS[area];
  // The storefront speaks its user's language; staff areas are English.
  const storefront = area === 'storefront';
  const { abilities } = principal;
  return (
    <HomePage
      principal={principal}
      title={storefront ? t('home.title') : `${words.label} home`}
      place={storefront ? t('home.place', { customer: principal.customerName, reseller: principal.resellerName }) : words.place(principal)}
      links={{
        resellers: abilities.listResellers ? { to: paths.resellers(area), label: 'Open resellers' } : undefined,
        monthlyRunRate: abilities.listCustomers ? { to: `${paths.customers(area)}?sort=-monthlyRunRate`, label: 'Customers by run rate' } : undefined,
        customers: abilities.listCustomers && words.customersLink ? { to: paths.customers(area), label: words.customersLink } : undefined,
        // The distributor does not decide these; it sees which resellers have some waiting.
        ordersPendingApproval: abilities.approveOrders
          ? { to: paths.approvals(area), label: storefront ? t('home.openApprovals') : 'Open approvals' }
          : abilities.listResellers
            ? { to: paths.resellers(area, `?${RESELLER_VIEW_PARAMS.waiting}=1`), label: 'Resellers with orders waiting' }
            : storefront
              ? { to: paths.orders(area, { status: 'pending_approval' }), label: t('home.openWaitingOrders') }
              : undefined,
        ordersInProgress: abilities.finishOrders
          ? { to: paths.ordersInProgress(area), label: 'Open the queue' }
          : abilities.browseOrders
            ? { to: paths.orders(area, { status: 'in_progress' }), label: 'Open orders in progress' }
            : undefined,
        ordersTotal: abilities.browseOrders
          ? { to: paths.orders(area), label: 'Open all orders' }
          : abilities.placeOrders && !abilities.listCustomers
            ? { to: paths.orders(area), label: t('home.openMyOrders') }
            : undefined,
      }}
    />
  );
}
