import { Alert, Badge, Button, Loader, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { WEBHOOK_EVENT_LABEL, type DeliveryState, type WebhookDelivery, type WebhookEventType } from '@app/shared';
import { formatDate } from '@/lib/format';
import { useSendAgain, useWebhookDeliveries } from '../api/webhooks';

// Dark shades: readable white text (axe checks contrast).
const STATE: Record<DeliveryState, { label: string; color: string }> = {
  waiting: { label: 'Retrying', color: '#8f4700' },
  sending: { label: 'Sending', color: 'blue.8' },
  sent: { label: 'Delivered', color: 'teal.9' },
  failed: { label: 'Failed', color: 'red.9' },
};

/** "503 · no answer · 200": each attempt's outcome, oldest first. */
const attemptsLine = (d: WebhookDelivery) => d.log.map((a) => (a.status !== null ? String(a.status) : 'no answer')).join(' · ');

/** An endpoint's newest deliveries: event, when, outcome, each attempt's answer; a failed one can be sent again. */
export function DeliveryLog({ endpointId, dateFormat }: { endpointId: string; dateFormat: string }) {
  const log = useWebhookDeliveries(endpointId);
  const again = useSendAgain();
  if (log.isPending) return <Loader size="sm" role="status" aria-label="Loading the delivery log" />;
  if (log.isError) return <Alert color="red">{log.error.message}</Alert>;
  if (log.data.items.length === 0) return <Text size="sm" c="dimmed">No deliveries yet: events will show here as they are sent.</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing={6} fz="sm" aria-label="Delivery log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts (HTTP answers)</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {log.data.items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{WEBHOOK_EVENT_LABEL[d.event as WebhookEventType] ?? d.event}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(d.createdAt, dateFormat, true)}</Table.Td>
              <Table.Td>
                <Badge color={STATE[d.state].color} radius="sm" tt="none">
                  {STATE[d.state].label}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {d.attempts} {d.log.length > 0 && <Text span c="dimmed" size="sm">({attemptsLine(d)})</Text>}
                </Text>
                {d.state !== 'sent' && d.lastError && (
                  <Text size="xs" c="red.9">
                    {d.lastError}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {d.abilities.sendAgain && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    loading={again.isPending && again.variables === d.id}
                    onClick={() =>
                      again.mutate(d.id, {
                        onSuccess: () => notifications.show({ color: 'green', message: 'Sent again: it is on its way.' }),
                        onError: (err) => notifications.show({ color: 'red', title: 'Not sent again', message: err.message }),
                      })
                    }
                  >
                    Send again
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
