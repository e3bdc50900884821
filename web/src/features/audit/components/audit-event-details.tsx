import { Badge, Drawer, Stack, Table, Text, Title } from '@mantine/core';
import type { AuditEventRow } from '@app/shared';
import { formatDate } from '@/lib/format';
import { actionLabel, fieldLabel, valueText } from './audit-text';

/** One event in full: who, what (each field before → after), when, from where. */
export function AuditEventDetails({ event, dateFormat, onClose }: { event: AuditEventRow | null; dateFormat: string; onClose: () => void }) {
  return (
    <Drawer opened={event !== null} onClose={onClose} position="right" size="md" title={event ? actionLabel(event.action) : ''}>
      {event && (
        <Stack gap="md">
          <section aria-label="What">
            <Text fw={600}>{event.target.label ?? event.target.type}</Text>
            {event.customerName && event.customerName !== event.target.label && <Text size="sm" c="dimmed">Customer: {event.customerName}</Text>}
          </section>
          {event.changes.length > 0 && (
            <Table withTableBorder striped aria-label="Changed fields">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Before</Table.Th>
                  <Table.Th>After</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {event.changes.map((c) => (
                  <Table.Tr key={c.field}>
                    <Table.Td>{fieldLabel(c.field)}</Table.Td>
                    <Table.Td>{valueText(c.from)}</Table.Td>
                    <Table.Td fw={600}>{valueText(c.to)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <section aria-labelledby="audit-who">
            <Title order={3} size="h5" id="audit-who">Who</Title>
            <Text>
              {event.actor.name} <Badge variant="light" size="sm">{event.actor.role}</Badge>
            </Text>
            {event.actor.email && <Text size="sm" c="dimmed">{event.actor.email}</Text>}
          </section>
          <section aria-labelledby="audit-when">
            <Title order={3} size="h5" id="audit-when">When</Title>
            <Text>{formatDate(event.at, dateFormat, true)}</Text>
          </section>
          <section aria-labelledby="audit-where">
            <Title order={3} size="h5" id="audit-where">From where</Title>
            <Text>{event.ip ?? 'Address not recorded'}</Text>
            <Text size="sm" c="dimmed" style={{ wordBreak: 'break-word' }}>{event.userAgent ?? 'Browser not recorded'}</Text>
          </section>
        </Stack>
      )}
    </Drawer>
  );
}
