import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { ResellerDetail } from '@app/shared';
import { useSetResellerStanding } from '../api/mutations';

/** Suspend or reinstate, each behind a confirmation that says what follows (rule 8). */
export function StandingSection({ reseller }: { reseller: ResellerDetail }) {
  const standing = useSetResellerStanding(reseller.id);
  const suspended = reseller.status === 'suspended';
  const run = (change: 'suspend' | 'reinstate') =>
    standing.mutate(change, {
      onSuccess: (r) => notifications.show({ color: 'green', message: r.status === 'suspended' ? `${r.name} is suspended.` : `${r.name} is reinstated.` }),
      onError: (err) => notifications.show({ color: 'red', title: 'Nothing was changed', message: err.message }),
    });
  const confirmSuspend = () =>
    modals.openConfirmModal({
      title: `Suspend ${reseller.name}?`,
      children: (
        <Text size="sm">
          Its staff and its customers’ storefront users are signed out at once and cannot sign in, and its storefront takes no orders. Nothing is deleted:
          reinstating restores everything as it was.
        </Text>
      ),
      labels: { confirm: 'Suspend reseller', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => run('suspend'),
    });
  const confirmReinstate = () =>
    modals.openConfirmModal({
      title: `Reinstate ${reseller.name}?`,
      children: <Text size="sm">Its staff and its customers’ storefront users can sign in again, and its storefront takes orders again.</Text>,
      labels: { confirm: 'Reinstate reseller', cancel: 'Cancel' },
      onConfirm: () => run('reinstate'),
    });

  if (!reseller.abilities.suspend && !reseller.abilities.reinstate) return null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="standing-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="standing-title">
          Account standing
        </Title>
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" maw={560}>
            {suspended
              ? 'Suspended: its staff and storefront users cannot sign in, and its storefront takes no orders.'
              : 'Active: its staff and its customers’ storefront users can sign in and order.'}
          </Text>
          {reseller.abilities.suspend && (
            <Button color="red" variant="light" onClick={confirmSuspend} loading={standing.isPending}>
              Suspend reseller
            </Button>
          )}
          {reseller.abilities.reinstate && (
            <Button onClick={confirmReinstate} loading={standing.isPending}>
              Reinstate reseller
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
