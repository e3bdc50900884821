import { Alert, Anchor, Button, Group, Loader, Stack, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { AuditEventRow } from '@app/shared';
import { formatDate } from '@/lib/format';
import { useObjectHistory } from '../api/get-audit-events';
import { AuditEventDetails } from './audit-event-details';
import { actionLabel, fieldLabel, valueText, whereText } from './audit-text';

export interface ObjectHistoryProps {
  targetId: string;
  /** The record's revision or status: the history refreshes when it changes. */
  version: string | number;
  dateFormat: string;
  /** The whole audit log filtered to this object's customer, where the viewer may open it. */
  fullLogPath?: string | undefined;
}

/** A record's own audit trail, newest first: what changed (before → after), who, when, from where. */
export function ObjectHistory({ targetId, version, dateFormat, fullLogPath }: ObjectHistoryProps) {
  const history = useObjectHistory(targetId, version);
  const [open, setOpen] = useState<AuditEventRow | null>(null);
  if (history.isPending) return <Loader size="sm" role="status" aria-label="Loading the history" />;
  if (history.isError) {
    return (
      <Alert color="red" role="alert" title="The history could not be loaded">
        {history.error.message}
      </Alert>
    );
  }
  const events = history.data.pages.flatMap((p) => p.items);
  const total = history.data.pages[0]?.total ?? 0;
  return (
    <Stack gap="md">
      {events.length === 0 ? (
        <Text c="dimmed" size="sm">
          No changes recorded yet.
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} aria-label="Changes, newest first">
          {events.map((e) => (
            <Timeline.Item key={e.id} title={<Anchor component="button" type="button" fw={600} onClick={() => setOpen(e)}>{actionLabel(e.action)}</Anchor>}>
              {e.changes.map((c) => (
                <Text size="sm" key={c.field}>
                  {fieldLabel(c.field)}: <Text span c="dimmed">{valueText(c.from)}</Text> → <Text span fw={600}>{valueText(c.to)}</Text>
                </Text>
              ))}
              <Text size="xs" c="dimmed" mt={2}>
                {e.actor.name} · {formatDate(e.at, dateFormat, true)} · {whereText(e)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <Group justify="space-between">
        {history.hasNextPage ? (
          <Button variant="subtle" size="xs" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
            Show older ({total - events.length} more)
          </Button>
        ) : (
          <span />
        )}
        {fullLogPath && (
          <Anchor component={Link} to={fullLogPath} size="sm">
            Open in the audit log
          </Anchor>
        )}
      </Group>
      <AuditEventDetails event={open} dateFormat={dateFormat} onClose={() => setOpen(null)} />
    </Stack>
  );
}
