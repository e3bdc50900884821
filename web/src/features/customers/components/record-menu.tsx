import { Anchor, Button, Group, Menu, Paper, Switch, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChevronDown } from '@tabler/icons-react';
import type { CustomerDetail } from '@app/shared';
import { APPROVAL_FORCED_NOTICE } from '@app/shared';
import { useSetCustomerActive, useSetOrderApproval } from '../api/mutations';
import { useOpenSso } from './use-open-sso';
import { ApprovalRuleControl } from './approval-rule-control';

/** The record's sticky menu: order-approval toggle, section links and the Actions menu. */
export function RecordMenu({ customer, onAddStorefrontUser, withHistory = false }: { customer: CustomerDetail; onAddStorefrontUser?: (() => void) | undefined; withHistory?: boolean }) {
  const approval = useSetOrderApproval(customer.id);
  const active = useSetCustomerActive(customer.id);
  const openSso = useOpenSso(customer.id);
  const { orderApproval: oa, abilities } = customer;
  const locked = !abilities.setOrderApproval;
  const hasActions = Boolean(onAddStorefrontUser) || abilities.openWorkspace || abilities.setActive;

  const toggle = (required: boolean) =>
    approval.mutate(required, {
      onSuccess: () =>
        notifications.show({
          color: 'green',
          message: required ? `Orders of ${customer.companyName} now need your approval.` : `Orders of ${customer.companyName} no longer need approval.`,
        }),
      onError: (err) => notifications.show({ color: 'red', title: 'Order approval was not changed', message: err.message }),
    });

  const confirmActive = () =>
    modals.openConfirmModal({
      title: customer.active ? 'Make this customer inactive?' : 'Make this customer active?',
      children: <Text size="sm">{customer.active ? 'Inactive customers stay in your list and statistics, marked inactive. Their storefront users are signed out and cannot sign in or order until the customer is active again; nothing is deleted.' : 'The customer will be active again, and its storefront users can sign in and order.'}</Text>,
      labels: { confirm: customer.active ? 'Make inactive' : 'Make active', cancel: 'Cancel' },
      onConfirm: () =>
        active.mutate(
          { active: !customer.active, revision: customer.revision },
          {
            onSuccess: (c) => notifications.show({ color: 'green', message: `${c.companyName} is now ${c.active ? 'active' : 'inactive'}.` }),
            onError: (err) => notifications.show({ color: 'red', title: 'Nothing was changed', message: err.message }),
          },
        ),
    });

  const switchEl = (
    <Switch
      label="Order approval required"
      checked={oa.required}
      thumbIcon={oa.required ? <IconCheck size={12} color="var(--mantine-color-indigo-7)" aria-hidden /> : undefined}
      disabled={locked || approval.isPending}
      onChange={(e) => toggle(e.currentTarget.checked)}
      description={oa.forcedByPaymentMethod ? APPROVAL_FORCED_NOTICE : locked ? 'Set by the customer’s reseller.' : undefined}
    />
  );

  return (
    <Paper withBorder radius="md" p="sm" pos="sticky" top={60} style={{ zIndex: 5 }} component="nav" aria-label="Customer record">
      <Group justify="space-between" wrap="wrap" gap="md">
        <Group gap="sm" wrap="wrap" align="center">
          {oa.forcedByPaymentMethod ? <Tooltip label={APPROVAL_FORCED_NOTICE} multiline w={280}><div>{switchEl}</div></Tooltip> : switchEl}
          <ApprovalRuleControl customer={customer} disabled={locked} />
        </Group>
        <Group gap="lg">
          <Anchor href="#information">Information</Anchor>
          <Anchor href="#storefront-users">Storefront users</Anchor>
          <Anchor href="#orders">Orders</Anchor>
          {withHistory && <Anchor href="#history">History</Anchor>}
          {hasActions && (
            <Menu position="bottom-end">
              <Menu.Target>
                <Button rightSection={<IconChevronDown size={14} aria-hidden />} variant="light">
                  Actions
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {onAddStorefrontUser && <Menu.Item onClick={onAddStorefrontUser}>Add storefront user</Menu.Item>}
                {abilities.openWorkspace && (
                  <>
                    {onAddStorefrontUser && <Menu.Divider />}
                    <Menu.Item onClick={() => openSso('services')}>Manage services</Menu.Item>
                    <Menu.Item onClick={() => openSso('subscriptions')}>Manage subscriptions</Menu.Item>
                    <Menu.Item onClick={() => openSso('assets')}>Manage assets</Menu.Item>
                  </>
                )}
                {abilities.setActive && (
                  <>
                    <Menu.Divider />
                    <Menu.Item color={customer.active ? 'red' : undefined} onClick={confirmActive}>
                      {customer.active ? 'Make inactive' : 'Make active'}
                    </Menu.Item>
                  </>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
