import { ObjectHistory } from '@/features/audit';
import { useMe } from '@/features/auth';
import { ApprovalsPage, InProgressPage, OrderPage, OrdersView } from '@/features/orders';
import { useResellerOptions } from '@/features/resellers';
import { paths } from '@/lib/paths';
import { Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from '@/lib/use-page-title';

// RequireArea has already checked the session and the area; these compose the orders pages.

export function OrderRoute() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  const area = principal.role;
  const back =
    area === 'reseller' ? { to: paths.approvals(area), label: 'Approvals' } : area === 'distributor' ? { to: paths.ordersInProgress(area), label: 'Orders in progress' } : { to: paths.orders(area), label: 'My orders' };
  return (
    <OrderPage
      back={back}
      customerPath={principal.abilities.listCustomers ? (id) => paths.customer(area, id) : undefined}
      dateFormat={principal.preferences.dateFormat}
      language={principal.preferences.language}
      auditTrail={
        principal.abilities.viewAuditLog
          ? (order) => <ObjectHistory targetId={order.id} version={order.status} dateFormat={principal.preferences.dateFormat} fullLogPath={paths.auditLog(area, { customer: order.customerId })} />
          : undefined
      }
    />
  );
}

export function ApprovalsRoute() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  return (
    <ApprovalsPage
      orderPath={(id) => paths.order(principal.role, id)}
      customerPath={(id) => paths.customer(principal.role, id)}
      dateFormat={principal.preferences.dateFormat}
      canExport={principal.abilities.exportOrders}
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
  const principal = useMe().data?.principal;
  usePageTitle('My orders');
  if (!principal) return null;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>My orders</Title>
        <Text c="dimmed">Every order of {principal.customerName}, newest first.</Text>
      </div>
      <OrdersView
        orderPath={(id) => paths.order(principal.role, id)}
        dateFormat={principal.preferences.dateFormat}
        showCost={false}
        canExport={principal.abilities.exportOrders}
        height={560}
        emptyText="You have not placed an order yet."
      />
    </Stack>
  );
}
