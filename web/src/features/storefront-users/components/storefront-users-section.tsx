import { ActionIcon, Alert, Button, Group, Menu, Paper, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus, IconSearch } from '@tabler/icons-react';
import type { TFunction } from '@/lib/i18n';
import { useState } from 'react';
import { useTranslation } from '@/lib/i18n';
import { LANGUAGES, type StorefrontUser } from '@app/shared';
import { UserStateBadge } from '@/components/user-state-badge';
import { formatDate, formatMoney } from '@/lib/format';
import { useStorefrontUsers } from '../api/get-storefront-users';
import { useStorefrontUserAction, type UserAction } from '../api/mutations';
import { CompanyRoleDialog } from './company-role-dialog';

/** What each action says (account.json: companyUsers.actions), filled in with the user's name and email. */
const ACTION_DANGER: Partial<Record<UserAction, true>> = { deactivate: true };
const actionWords = (t: TFunction<'account'>, action: UserAction, u?: StorefrontUser) => {
  const who = u ? { email: u.email, firstName: u.firstName, name: `${u.firstName} ${u.lastName}` } : {};
  return {
    label: t(`companyUsers.actions.${action}.label`),
    confirm: t(`companyUsers.actions.${action}.confirm`),
    body: t(`companyUsers.actions.${action}.body`, who),
    done: t(`companyUsers.actions.${action}.done`, who),
  };
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
function roleText(t: TFunction<'account'>, u: StorefrontUser, currency: string): string {
  const limits = [
    u.orderLimit !== null && t('companyUsers.perOrder', { amount: formatMoney(u.orderLimit, currency) }),
    u.monthlyLimit !== null && t('companyUsers.perMonth', { amount: formatMoney(u.monthlyLimit, currency) }),
  ].filter(Boolean);
  return [t(`companyRole.${u.companyRole}`), ...limits].join(' · ');
}

/**
 * The record's Storefront users section: the customer's users, search, Add, and actions by state.
 * `dateFormat`: the signed-in person's, for "Last sign-in" as every other date they read.
 */
export function StorefrontUsersSection({
  customerId,
  canAdd,
  onAdd,
  currency = 'EUR',
  title,
  dateFormat,
}: {
  customerId: string;
  canAdd: boolean;
  onAdd: () => void;
  currency?: string;
  title?: string;
  dateFormat: string;
}) {
  const { t } = useTranslation(['account', 'common']);
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
    const a = actionWords(t, action, u);
    modals.openConfirmModal({
      title: t('companyUsers.confirmTitle', { action: a.label }),
      children: <Text size="sm">{a.body}</Text>,
      labels: { confirm: a.confirm, cancel: t('common:actions.cancel') },
      confirmProps: ACTION_DANGER[action] ? { color: 'red' } : {},
      onConfirm: () =>
        act.mutate(
          { userId: u.id, action },
          {
            onSuccess: ({ emailSent }) =>
              notifications.show(
                action === 'resend-activation' || action === 'reset-password'
                  ? emailSent
                    ? { color: 'green', message: a.done }
                    : { color: 'yellow', message: t('companyUsers.mailQueued') }
                  : { color: 'green', message: a.done },
              ),
            onError: (err) => notifications.show({ color: 'red', title: t('companyUsers.failed', { action: a.label }), message: err.message }),
          },
        ),
    });
  };

  return (
    <Paper withBorder p="lg" radius="md" id="storefront-users" component="section" aria-labelledby="storefront-users-title">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3" id="storefront-users-title">
            {title ?? t('companyUsers.storefrontUsers')}
          </Title>
          <Group align="flex-end">
            <TextInput
              label={t('companyUsers.search')}
              placeholder={t('companyUsers.searchPlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
            />
            {canAdd && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onAdd}>
                {t('companyUsers.add')}
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
            {debounced ? t('companyUsers.noMatch', { search: debounced }) : t('companyUsers.none')}
          </Text>
        ) : (
          <UsersTable users={users.data?.items ?? []} compact={compact} showActions={showActions} onRun={run} onEditRole={setEditing} currency={currency} dateFormat={dateFormat} />
        )}
      </Stack>
      {editing && <CompanyRoleDialog customerId={customerId} user={editing} currency={currency} onClose={() => setEditing(null)} />}
    </Paper>
  );
}

const WIDE_HEADERS = ['name', 'email', 'role', 'language', 'dateFormat', 'state', 'lastSignIn'] as const;

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
  dateFormat,
}: {
  users: StorefrontUser[];
  compact: boolean;
  showActions: boolean;
  onRun: (u: StorefrontUser, action: UserAction) => void;
  onEditRole: (u: StorefrontUser) => void;
  currency: string;
  dateFormat: string;
}) {
  const { t } = useTranslation(['account', 'common']);
  const lastSignIn = (u: StorefrontUser) => (u.lastSignInAt ? formatDate(u.lastSignInAt, dateFormat, true) : t('common:never'));
  const language = (u: StorefrontUser) => LANGUAGES[u.language as keyof typeof LANGUAGES] ?? u.language;
  const table = (
    <Table striped={!compact} highlightOnHover={!compact} verticalSpacing="sm" aria-label={t('companyUsers.tableLabel')}>
      <Table.Thead>
        <Table.Tr>
          {(compact ? (['user'] as const) : WIDE_HEADERS).map((h) => (
            <Table.Th key={h}>{t(`companyUsers.columns.${h}`)}</Table.Th>
          ))}
          {showActions && <Table.Th w={compact ? 56 : undefined}>{t('companyUsers.columns.actions')}</Table.Th>}
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
                    <UserStateBadge state={u.state} />
                  </Group>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {u.email}
                  </Text>
                  <Text size="sm">{roleText(t, u, currency)}</Text>
                  <Text size="xs" c="dimmed">
                    {language(u)} · {u.dateFormat} · {t('companyUsers.lastSignInAt', { when: lastSignIn(u) })}
                  </Text>
                </Stack>
              </Table.Td>
            ) : (
              <>
                <Table.Td fw={600}>
                  {u.firstName} {u.lastName}
                </Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{roleText(t, u, currency)}</Table.Td>
                <Table.Td>{language(u)}</Table.Td>
                <Table.Td>{u.dateFormat}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <UserStateBadge state={u.state} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{lastSignIn(u)}</Table.Td>
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

function UserActions({ user, onRun, onEditRole }: { user: StorefrontUser; onRun: (u: StorefrontUser, action: UserAction) => void; onEditRole: (u: StorefrontUser) => void }) {
  const { t } = useTranslation('account');
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('companyUsers.actionsFor', { name: `${user.firstName} ${user.lastName} (${user.email})` })}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {user.abilities.setCompanyRole && <Menu.Item onClick={() => onEditRole(user)}>{t('companyUsers.roleAndLimits')}</Menu.Item>}
        {actionsFor(user).map((action) => (
          <Menu.Item key={action} color={ACTION_DANGER[action] ? 'red' : undefined} onClick={() => onRun(user, action)}>
            {actionWords(t, action).label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
