import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from '@/lib/i18n';
import { Link, useNavigate } from 'react-router';
import type { Principal } from '@app/shared';
import { useLogout } from '@/features/auth';
import { paths, signInPath } from '@/lib/paths';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();

export function UserMenu({ principal }: { principal: Principal }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const navigate = useNavigate();
  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        navigate(signInPath({ reason: 'signed-out' }), { replace: true });
        notifications.show({ message: t('shell.signedOut'), color: 'blue' });
      },
    });

  return (
    <Menu position="bottom-end" width={240}>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.accountMenu', { name: principal.displayName })}>
          <Group gap="xs" wrap="nowrap">
            <Avatar color="indigo" radius="xl" size="sm">
              {initials(principal.displayName)}
            </Avatar>
            <Text size="sm" fw={600} visibleFrom="sm">
              {principal.displayName}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{principal.email}</Menu.Label>
        <Menu.Item component={Link} to={paths.profile(principal.role)} leftSection={<IconUserCircle size={16} aria-hidden />}>
          {t('shell.yourProfile')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={signOut}>
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
