import { ObjectHistory } from '@/features/audit';
import { useMe } from '@/features/auth';
import { ApprovalsPage, InProgressPage, OrderPage, OrdersPage, OrdersView } from '@/features/orders';
import { CustomerPicker } from '@/features/customers';
import { NotFoundPage } from './not-found-page';
import { useResellerOptions } from '@/features/resellers';
import { paths } from '@/lib/paths';
import { returnToOf, type ReturnTo } from '@/lib/return-to';
import { useLocation } from 'react-router';
import type { Role } from '@app/shared';
import { Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { i18n, useTranslation } from '@/lib/i18n';

// Only a storefront page shows it (it needs the cart): staff never load the storefront's code.
const OrderAgainButton = lazy(async () => ({ default: (await import('@/features/storefront')).OrderAgainButton }));
import { usePageTitle } from '@/lib/use-page-title';

// RequireArea has already checked the session and the area; these compose the orders pages.

/** Where an order page opened without a return place (a shared link, an email) leads back to. */
const DEFAULT_RETURN: Record<Role, (area: Role) => ReturnTo> = {
  distributor: (area) => ({ to: paths.ordersInProgress(area), label: 'Orders in progress' }),
  reseller: (area) => ({ to: paths.orders(area), label: 'Orders' }),
  storefront: (area) => ({ to: paths.orders(area), label: i18n.t('nav.myOrders') }),
};

export function OrderRoute() {
  const principal = useMe().data?.principal;
  const location = useLocation();
  if (!principal) return null;
  const area = principal.role;
  // Back to the list or record the order was opened from, with its filters; else the persona's orders list.
  const back = returnToOf(location.state) ?? DEFAULT_RETURN[area](area);
  return (
    <OrderPage
      back={back}
      customerPath={principal.abilities.listCustomers ? (id) => paths.customer(area, id) : undefined}
      dateFormat={principal.preferences.dateFormat}
      language={principal.preferences.language}
      actions={(order) =>
        order.abilities.orderAgain ? (
          <Suspense fallback={null}>
            <OrderAgainButton order={order} />
          </Suspense>
        ) : null
      }
      auditTrail={
        principal.abilities.viewAuditLog
          ? (order) => <ObjectHistory targetId={order.id} version={order.status} dateFormat={principal.preferences.dateFormat} fullLogPath={paths.auditLog(area, { customer: order.customerId })} />
          : undefined
      }
    />
  );
}

/** Reseller · Orders: every order of its customers. */
export function OrdersRoute() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  if (!principal.abilities.browseOrders) return <NotFoundPage />;
  return (
    <OrdersPage
      owner={principal.resellerName ?? ''}
      orderPath={(id) => paths.order(principal.role, id)}
      dateFormat={principal.preferences.dateFormat}
      canExport={principal.abilities.exportOrders}
      customerFilter={({ value, onChange }) => <CustomerPicker value={value} onChange={onChange} w={{ base: '100%', xs: 210 }} />}
    />
  );
}

export function ApprovalsRoute() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  if (!principal.abilities.approveOrders) return <NotFoundPage />;
  // A company's approvers decide its buyers' orders before the reseller; staff have customers to pick from.
  const staff = principal.role !== 'storefront';
  return (
    <ApprovalsPage
      step={staff ? 'reseller' : 'company'}
      orderPath={(id) => paths.order(principal.role, id)}
      customerPath={principal.abilities.listCustomers ? (id) => paths.customer(principal.role, id) : undefined}
      dateFormat={principal.preferences.dateFormat}
      canExport={principal.abilities.exportOrders}
      customerFilter={staff ? ({ value, onChange }) => <CustomerPicker value={value} onChange={onChange} w={{ base: '100%', xs: 240 }} /> : undefined}
    />
  );
}

export function InProgressRoute() {
  const principal = useMe().data?.principal;
  const resellers = useResellerOptions(Boolean(principal?.abilities.listResellers));
  if (!principal) return null;
  return <InProgressPage resellers={resellers.data ?? []} orderPath={(id) => paths.order(principal.role, id)} dateFormat={principal.preferences.dateFormat} canExport={principal.abilities.exportOrders} />;
}

/** Storefront · My orders: the company's orders, at its prices. */
export function MyOrdersRoute() {
  const { t } = useTranslation(['orders', 'common']);
  const principal = useMe().data?.principal;
  usePageTitle(t('common:nav.myOrders'));
  if (!principal) return null;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('common:nav.myOrders')}</Title>
        <Text c="dimmed">{t('myOrders.intro', { customer: principal.customerName })}</Text>
      </div>
      <OrdersView
        orderPath={(id) => paths.order(principal.role, id)}
        returnLabel={t('common:nav.myOrders')}
        dateFormat={principal.preferences.dateFormat}
        showCost={false}
        canExport={principal.abilities.exportOrders}
        height={560}
        emptyText={t('myOrders.empty')}
        inUrl
      />
    </Stack>
  );
}
