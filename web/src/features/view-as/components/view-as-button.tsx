import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { useStartViewAs } from '../api/view-as';

export interface ViewAsCandidate {
  id: string;
  name: string;
  /** How the user is described in the list (role in the company, state). */
  detail: string;
}

/**
 * "View as customer": pick one of the customer's storefront users (its admin first) and open the
 * storefront as they see it, read-only. The choice names what the look shows and that it is recorded.
 */
export function ViewAsButton({ customerId, customerName, users }: { customerId: string; customerName: string; users: readonly ViewAsCandidate[] }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [userId, setUserId] = useState<string | null>(null);
  const start = useStartViewAs(customerId);
  const chosen = userId ?? users[0]?.id ?? null;
  return (
    <>
      <Button variant="default" size="sm" leftSection={<IconEye size={16} aria-hidden />} onClick={open}>
        View as customer
      </Button>
      <Modal opened={opened} onClose={close} title={`View ${customerName}’s storefront`}>
        <Stack>
          {users.length === 0 ? (
            <Alert color="gray">This customer has no storefront users yet: add one to see the storefront as they would.</Alert>
          ) : (
            <>
              <Text size="sm">
                See the catalogue, prices and orders exactly as this user does, for 30 minutes. Nothing can be ordered or changed while you look, and your view is recorded in the
                customer’s history.
              </Text>
              <Select
                label="View as"
                data={users.map((u) => ({ value: u.id, label: `${u.name} · ${u.detail}` }))}
                value={chosen}
                onChange={setUserId}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
            </>
          )}
          {start.isError && <Alert color="red" role="alert">{start.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button disabled={!chosen} loading={start.isPending} onClick={() => start.mutate(chosen)}>
              Open storefront
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
