import { AppShell, Badge, Burger, Group, NavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from '@/lib/i18n';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import type { Principal } from '@app/shared';
import { useLiveOverview } from '@/features/overview';
// The banner alone, not the feature's index (its user picker would bring Select into every page's first load).
import { ViewingAsBanner } from '@/features/view-as/components/viewing-as-banner';
import { withRememberedSearch } from '@/lib/remembered-view';
import { AREAS, NAVIGATION } from '../navigation';
import { UserMenu } from './user-menu';

/**
 * `headerActions`: what an area adds to the header next to the account menu (the storefront's cart);
 * `brand`: what the header is headed by instead of the product's name (the storefront's reseller).
 */
export function AppLayout({ principal, headerActions, brand }: { principal: Principal; headerActions?: ReactNode; brand?: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const overview = useLiveOverview();
  // Below the `sm` breakpoint the navigation slides away behind the burger: out of the tab order then too.
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  // Read on every navigation: a list's link returns to its last search, sort and filters.
  useLocation();
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: { sm: 200, xl: 240 }, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} aria-expanded={opened} />
            {brand ?? (
              <Text fw={800} c="indigo.8" style={{ whiteSpace: 'nowrap' }}>
                {t('appName')}
              </Text>
            )}
            <Text c="dimmed" visibleFrom="xs" truncate>
              {AREAS[principal.role].tenant(principal)}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {headerActions}
            <UserMenu principal={principal} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('shell.mainNavigation')} inert={phone && !opened}>
        {NAVIGATION[principal.role].filter((item) => !item.ability || principal.abilities[item.ability]).map((item) => (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={withRememberedSearch(item.to)}
            end={item.end}
            label={item.labelKey ? t(item.labelKey) : item.label}
            leftSection={<item.icon size={18} aria-hidden />}
            rightSection={
              item.count && overview.data && item.count(overview.data) > 0 ? (
                <Badge size="sm" color="#8f4700" variant="filled" circle={item.count(overview.data) < 10} data-testid={`nav-count-${item.label}`}>
                  {item.count(overview.data)}
                  {/* Read as "3 waiting"; a label on the badge itself (a span) is not allowed. */}
                  <VisuallyHidden> {t('shell.waiting')}</VisuallyHidden>
                </Badge>
              ) : undefined
            }
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <ViewingAsBanner principal={principal} />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
