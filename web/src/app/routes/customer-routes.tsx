import { useMe } from '@/features/auth';
import { Button, Group, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { COMPANY_ROLE_LABEL, type CustomerDetail } from '@app/shared';
import { ObjectHistory } from '@/features/audit';
import { CustomerTimeline } from '@/features/customer-notes';
import { CustomerRecordPage, CustomersPage, RECORD_ORDER_PARAM, type RecordSlots } from '@/features/customers';
import { BalanceFacts, InvoicesPanel, StatementDownload } from '@/features/invoices';
import { OrdersView } from '@/features/orders';
import { CustomerPriceLevelsSection, usePriceLevels } from '@/features/price-levels';
import { useResellerOptions } from '@/features/resellers';
import { AddStorefrontUserDialog, StorefrontUsersSection, useStorefrontUsers } from '@/features/storefront-users';
import { ViewAsButton } from '@/features/view-as';
import { paths } from '@/lib/paths';
import { useReturnState } from '@/lib/return-to';

// The storefront's ordering (cart, prices, review) loads on the first "New order" only: staff
// opening the customers page or a record never download it.
const OrderForCustomerDialog = lazy(() => import('@/features/storefront/components/order-for-customer-dialog').then((m) => ({ default: m.OrderForCustomerDialog })));

// RequireArea has already checked the session and that the persona works in this area; these
// pass the principal and the area (for links) on.
export function CustomersRoute() {
  const principal = useMe().data?.principal;
  const resellers = useResellerOptions(Boolean(principal?.abilities.listResellers));
  // The level filter: one reseller's own levels (across resellers, levels of different resellers would mix).
  const levels = usePriceLevels(Boolean(principal && !principal.abilities.listResellers));
  const levelOptions = (levels.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }));
  return principal ? <CustomersPage principal={principal} area={principal.role} resellers={resellers.data ?? []} priceLevels={levelOptions} priceLevelCategories={levels.data?.categories ?? []} importPath={paths.customerImports(principal.role)} /> : null;
}

export function CustomerRecordRoute() {
  const principal = useMe().data?.principal;
  const [params] = useSearchParams();
  if (!principal) return null;
  const area = principal.role;
  // The record page with the storefront users and orders sections composed in (features do not import each other).
  const slots: RecordSlots = {
    storefrontUsers: ({ customer, addOpen, openAdd, closeAdd }) => (
      <>
        <StorefrontUsersSection customerId={customer.id} canAdd={customer.abilities.addStorefrontUser} onAdd={openAdd} currency={customer.currency} dateFormat={principal.preferences.dateFormat} />
        {customer.abilities.addStorefrontUser && <AddStorefrontUserDialog customerId={customer.id} opened={addOpen} onClose={closeAdd} />}
      </>
    ),
    priceLevels: ({ customer }) => <CustomerPriceLevelsSection customerId={customer.id} />,
    viewAs: ({ customer }) => <CustomerViewAs customer={customer} />,
    invoices: ({ customer }) => (
      <Stack mt="lg">
        <BalanceFacts customerId={customer.id} />
        {principal.abilities.exportInvoices && <StatementDownload customerId={customer.id} dateFormat={principal.preferences.dateFormat} />}
        <InvoicesPanel customerId={customer.id} dateFormat={principal.preferences.dateFormat} canExport={principal.abilities.exportInvoices} />
      </Stack>
    ),
    timeline: ({ customer }) => <CustomerTimeline customerId={customer.id} version={customer.revision} orderPath={(id) => paths.order(area, id)} dateFormat={principal.preferences.dateFormat} />,
    orders: ({ customer }) => (
      <CustomerOrders
        customer={customer}
        initialSearch={params.get(RECORD_ORDER_PARAM) ?? ''}
        orderPath={(id) => paths.order(area, id)}
        dateFormat={principal.preferences.dateFormat}
        canExport={principal.abilities.exportOrders}
      />
    ),
    ...(principal.abilities.viewAuditLog && {
      history: ({ customer }: { customer: CustomerDetail }) => (
        <ObjectHistory targetId={customer.id} version={customer.revision} dateFormat={principal.preferences.dateFormat} fullLogPath={paths.auditLog(area, { customer: customer.id })} />
      ),
    }),
  };
  return <CustomerRecordPage principal={principal} area={area} slots={slots} />;
}

/** "View as customer" with the customer's storefront users to choose from, its admins and active users first. */
function CustomerViewAs({ customer }: { customer: CustomerDetail }) {
  const users = useStorefrontUsers(customer.id, '');
  const rank = (u: { companyRole: string; state: string }) => (u.companyRole === 'admin' ? 0 : 2) + (u.state === 'active' ? 0 : 1);
  const candidates = [...(users.data?.items ?? [])]
    .sort((a, b) => rank(a) - rank(b))
    .map((u) => ({ id: u.id, name: `${u.firstName} ${u.lastName}`, detail: `${COMPANY_ROLE_LABEL[u.companyRole]}${u.state === 'active' ? '' : `, ${u.state === 'deactivated' ? 'deactivated' : 'not yet activated'}`}` }));
  return <ViewAsButton customerId={customer.id} customerName={customer.companyName} users={candidates} />;
}

/** The record's Orders: the grid, and a new order on the customer's behalf where the caller may place one. */
function CustomerOrders({ customer, initialSearch, orderPath, dateFormat, canExport }: { customer: CustomerDetail; initialSearch: string; orderPath: (id: string) => string; dateFormat: string; canExport: boolean }) {
  const [opened, dialog] = useDisclosure(false);
  const [placed, setPlaced] = useState(0);
  // Mounted from the first open on, so it keeps what was typed and closes with its animation.
  const [wanted, setWanted] = useState(false);
  const navigate = useNavigate();
  const returnState = useReturnState(customer.companyName);
  return (
    <>
      {customer.abilities.placeOrder && (
        <Group justify="flex-end" mb="xs">
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => {
              setWanted(true);
              dialog.open();
            }}
          >
            New order
          </Button>
        </Group>
      )}
      <OrdersView key={placed} fixed={{ customerId: customer.id }} initialSearch={initialSearch} orderPath={orderPath} returnLabel={customer.companyName} dateFormat={dateFormat} canExport={canExport} emptyText="This customer has no orders yet." />
      {customer.abilities.placeOrder && wanted && (
        <Suspense fallback={null}>
          <OrderForCustomerDialog
            customerId={customer.id}
            customerName={customer.companyName}
            opened={opened}
            onClose={dialog.close}
            onPlaced={(order) => {
              setPlaced((n) => n + 1);
              navigate(orderPath(order.id), { state: returnState });
            }}
          />
        </Suspense>
      )}
    </>
  );
}
