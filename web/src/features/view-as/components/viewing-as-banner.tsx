import { Button, Group, Paper, Text } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import type { Principal } from '@app/shared';
import { useEndViewAs } from '../api/view-as';

/**
 * Across every page while staff look at a storefront as a customer's user: whose view this is,
 * that nothing can be changed, and the way back. Stays in view as the page scrolls.
 */
export function ViewingAsBanner({ principal }: { principal: Principal }) {
  const end = useEndViewAs();
  const viewing = principal.viewingAs;
  if (!viewing) return null;
  return (
    <Paper role="region" aria-label="Viewing as a customer" bg="yellow.1" withBorder radius="md" p="sm" mb="md" pos="sticky" top={68} style={{ zIndex: 20, borderColor: 'var(--mantine-color-yellow-6)' }}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconEye size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm">
            You are viewing <b>{viewing.customerName}</b>’s storefront as <b>{viewing.userName}</b>. Read-only: nothing can be ordered or changed from here.
          </Text>
        </Group>
        <Button size="xs" variant="filled" color="dark" loading={end.isPending} onClick={() => end.mutate()}>
          Back to admin
        </Button>
      </Group>
    </Paper>
  );
}
