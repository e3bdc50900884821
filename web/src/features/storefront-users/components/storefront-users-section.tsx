import { ActionIcon, Alert, Badge, Button, Group, Menu, Paper, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { COMPANY_ROLE_LABEL, LANGUAGES, type StorefrontUser } from '@app/shared';
import { formatMoney } from '@/lib/format';
import { useStorefrontUsers } from '../api/get-storefront-users';
import { useStorefrontUserAction, type UserAction } from '../api/mutations';
import { CompanyRoleDialog } from './company-role-dialog';

const STATE_LABEL = { pending_activation: ['Pending activation', '#8f4700'], active: ['Active', 'teal.9'], deactivated: ['Deactivated', 'gray.7'] } as const;

const ACTIONS: Record<UserAction, { label: string; confirm: string; body: (u: StorefrontUser) => string; done: (u: StorefrontUser) => string; danger?: boolean }> = {
  'resend-activation': {
    label: 'Resend activation link',
    confirm: 'Send',
    body: (u) => `A new activation link will be sent to ${u.email}. The previous link stops working.`,
    done: (u) => `A new activation link was sent to ${u.email}.`,
  },
  'reset-password': {
    label: 'Reset password',
    confirm: 'Send reset link',
    body: (u) => `${u.firstName} will receive an email at ${u.email} with a link to choose a new password.`,
    done: (u) => `A password reset link was sent to ${u.email}.`,
  },
  deactivate: {
    label: 'Deactivate user',
    confirm: 'Deactivate',
    danger: true,
    body: (u) => `${u.firstName} ${u.lastName} will be signed out at once and cannot sign in until activated again.`,
    done: (u) => `${u.firstName} ${u.lastName} was deactivated.`,
  },
  activate: {
    label: 'Activate user',
    confirm: 'Activate',
    body: (u) => `${u.firstName} ${u.lastName} will be able to use the storefront again.`,
    done: (u) => `${u.firstName} ${u.lastName} was activated.`,
  },
};

/** Each row action and the ability (sent with the user) that allows it, in menu order. */
const ACTION_ABILITIES: [UserAction, keyof StorefrontUser['abilities']][] = [
  ['resend-activation', 'resendActivation'],
  ['reset-password', 'resetPassword'],
  ['deactivate', 'deactivate'],
  ['activate', 'activate'],
];
const actionsFor = (u: StorefrontUser): UserAction[] => ACTION_ABILITIES.filter(([, ability]) => u.abilities[ability]).map(([action]) => action);
const hasActions = (u: StorefrontUser) => actionsFor(u).length > 0 || u.abilities.setCompanyRole;

/** The user's role and, where set, its spending limits: "Buyer · €5,000.00 a month". */
function roleText(u: StorefrontUser, currency: string): string {
  const limits = [u.orderLimit !== null && `${formatMoney(u.orderLimit, currency)} an order`, u.monthlyLimit !== null && `${formatMoney(u.monthlyLimit, currency)} a month`].filter(Boolean);
  return [COMPANY_ROLE_LABEL[u.companyRole], ...limits].join(' · ');
}

/** The record's Storefront users section: the customer's users, search, Add, and actions by state. */
export function StorefrontUsersSection({ customerId, canAdd, onAdd, currency = 'EUR', title = 'Storefront users' }: { customerId: string; canAdd: boolean; onAdd: () => void; currency?: string; title?: string }) {
  const [editing, setEditing] = useState<StorefrontUser | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const users = useStorefrontUsers(customerId, debounced);
  const act = useStorefrontUserAction(customerId);
  // The Actions column shows when the caller may act on any listed user (never for read-only viewers).
  const showActions = (users.data?.items ?? []).some(hasActions);
  // On a phone each user is one compact row (who, state, details) beside the actions: no sideways scrolling.
  const compact = useMediaQuery('(max-width: 48em)') ?? false;

  const run = (u: StorefrontUser, action: UserAction) => {
    const a = ACTIONS[action];
    modals.openConfirmModal({
      title: `${a.label}?`,
      children: <Text size="sm">{a.body(u)}</Text>,
      labels: { confirm: a.confirm, cancel: 'Cancel' },
      confirmProps: a.danger ? { color: 'red' } : {},
      onConfirm: () =>
        act.mutate(
          { userId: u.id, action },
          {
            onSuccess: ({ emailSent }) =>
              notifications.show(
                action === 'resend-activation' || action === 'reset-password'
                  ? emailSent
                    ? { color: 'green', message: a.done(u) }
                    : { color: 'yellow', message: 'The mail server did not take the email yet; it is tried again automatically for 24 hours.' }
                  : { color: 'green', message: a.done(u) },
              ),
            onError: (err) => notifications.show({ color: 'red', title: `${a.label} failed`, message: err.message }),
          },
        ),
    });
  };

  return (
    <Paper withBorder p="lg" radius="md" id="storefront-users" component="section" aria-labelledby="storefront-users-title">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3" id="storefront-users-title">
            {title}
          </Title>
          <Group align="flex-end">
            <TextInput
              label="Search users"
              placeholder="Name or email"
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
            />
            {canAdd && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onAdd}>
                Add
              </Button>
            )}
          </Group>
        </Group>
        {users.isError && (
          <Alert color="red" role="alert">
            {users.error.message}
          </Alert>
        )}
        {users.isPending ? (
          <Skeleton height={120} />
        ) : users.data && users.data.items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {debounced ? `No user matches “${debounced}”.` : 'This customer has no storefront users yet.'}
          </Text>
        ) : (
          <UsersTable users={users.data?.items ?? []} compact={compact} showActions={showActions} onRun={run} onEditRole={setEditing} currency={currency} />
        )}
      </Stack>
      {editing && <CompanyRoleDialog customerId={customerId} user={editing} currency={currency} onClose={() => setEditing(null)} />}
    </Paper>
  );
}

const WIDE_HEADERS = ['Name', 'Email', 'Role', 'Language', 'Date format', 'State', 'Last sign-in'];

/**
 * The users, one row each: every detail in its own column on a wide screen (scrolling sideways if
 * it must), or, compact on a phone, who they are, their state and details in one cell beside the actions.
 */
function UsersTable({
  users,
  compact,
  showActions,
  onRun,
  onEditRole,
  currency,
}: {
  users: StorefrontUser[];
  compact: boolean;
  showActions: boolean;
  onRun: (u: StorefrontUser, action: UserAction) => void;
  onEditRole: (u: StorefrontUser) => void;
  currency: string;
}) {
  const language = (u: StorefrontUser) => LANGUAGES[u.language as keyof typeof LANGUAGES] ?? u.language;
  const table = (
    <Table striped={!compact} highlightOnHover={!compact} verticalSpacing="sm" aria-label="Storefront users">
      <Table.Thead>
        <Table.Tr>
          {(compact ? ['User'] : WIDE_HEADERS).map((h) => (
            <Table.Th key={h}>{h}</Table.Th>
          ))}
          {showActions && <Table.Th w={compact ? 56 : undefined}>Actions</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {users.map((u) => (
          <Table.Tr key={u.id}>
            {compact ? (
              <Table.Td>
                <Stack gap={2}>
                  <Group gap="xs" justify="space-between" wrap="nowrap">
                    <Text fw={600} size="sm">
                      {u.firstName} {u.lastName}
                    </Text>
                    <StateBadge user={u} />
                  </Group>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {u.email}
                  </Text>
                  <Text size="sm">{roleText(u, currency)}</Text>
                  <Text size="xs" c="dimmed">
                    {language(u)} · {u.dateFormat} · Last sign-in {lastSignIn(u)}
                  </Text>
                </Stack>
              </Table.Td>
            ) : (
              <>
                <Table.Td fw={600}>
                  {u.firstName} {u.lastName}
                </Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{roleText(u, currency)}</Table.Td>
                <Table.Td>{language(u)}</Table.Td>
                <Table.Td>{u.dateFormat}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StateBadge user={u} />
                </Table.Td>
                <Table.Td>{lastSignIn(u)}</Table.Td>
              </>
            )}
            {showActions && (
              <Table.Td>
                {hasActions(u) && <UserActions user={u} onRun={onRun} onEditRole={onEditRole} />}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return compact ? table : <Table.ScrollContainer minWidth={900}>{table}</Table.ScrollContainer>;
}

const lastSignIn = (u: StorefrontUser) => (u.lastSignInAt ? new Date(u.lastSignInAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/** The user's state; never cut ("Pending activation" in full). */
function StateBadge({ user }: { user: StorefrontUser }) {
  const [label, color] = STATE_LABEL[user.state];
  return (
    <Badge color={color} tt="none" style={{ overflow: 'visible', flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
      {label}
    </Badge>
  );
}

function UserActions({ user, onRun, onEditRole }: { user: StorefrontUser; onRun: (u: StorefrontUser, action: UserAction) => void; onEditRole: (u: StorefrontUser) => void }) {
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.firstName} ${user.lastName} (${user.email})`}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {user.abilities.setCompanyRole && <Menu.Item onClick={() => onEditRole(user)}>Role and limits</Menu.Item>}
        {actionsFor(user).map((action) => (
          <Menu.Item key={action} color={ACTIONS[action].danger ? 'red' : undefined} onClick={() => onRun(user, action)}>
            {ACTIONS[action].label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
