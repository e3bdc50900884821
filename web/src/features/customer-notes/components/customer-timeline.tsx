import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconHistory, IconNote, IconShoppingCart } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { addCustomerNoteSchema, AUDIT_ACTION_LABELS, ORDER_STATUS_LABEL, type AuditAction, type CustomerNote, type OrderStatus, type TimelineItem } from '@app/shared';
import { formatDate, formatMoney } from '@/lib/format';
import { zodValidate } from '@/lib/zod-form';
import { useAddNote, useCustomerTimeline, useDeleteNote, useEditNote } from '../api/timeline';

export interface CustomerTimelineProps {
  customerId: string;
  /** The record's revision: a change of the record brings its new events. */
  version: number;
  orderPath: (id: string) => string;
  dateFormat: string;
}

/** The record's notes, changes and orders, newest first; notes are added here and changed by their author for 15 minutes. */
export function CustomerTimeline({ customerId, version, orderPath, dateFormat }: CustomerTimelineProps) {
  const timeline = useCustomerTimeline(customerId, version);
  if (timeline.isPending) return <Loader size="sm" role="status" aria-label="Loading the timeline" />;
  if (timeline.isError) {
    return (
      <Alert color="red" role="alert" title="The timeline could not be loaded">
        {timeline.error.message}
      </Alert>
    );
  }
  const items = timeline.data.pages.flatMap((p) => p.items);
  const canAdd = timeline.data.pages[0]?.abilities.addNote ?? false;
  return (
    <Stack gap="md">
      {canAdd && <AddNoteForm customerId={customerId} />}
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nothing recorded yet.
        </Text>
      ) : (
        <Timeline bulletSize={24} lineWidth={2} aria-label="Notes, changes and orders, newest first">
          {items.map((item) => (
            <Timeline.Item key={`${item.kind}:${itemId(item)}`} bullet={BULLETS[item.kind]} title={<ItemTitle item={item} orderPath={orderPath} />}>
              <ItemBody item={item} customerId={customerId} dateFormat={dateFormat} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {timeline.hasNextPage && (
        <Group justify="center">
          <Button variant="light" loading={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
            Show older
          </Button>
        </Group>
      )}
    </Stack>
  );
}

const BULLETS = {
  note: <IconNote size={14} aria-hidden />,
  event: <IconHistory size={14} aria-hidden />,
  order: <IconShoppingCart size={14} aria-hidden />,
};

const itemId = (item: TimelineItem) => (item.kind === 'note' ? item.note.id : item.kind === 'event' ? item.event.id : item.order.id);

function ItemTitle({ item, orderPath }: { item: TimelineItem; orderPath: (id: string) => string }) {
  if (item.kind === 'note') return <Text fw={600} size="sm">Note by {item.note.authorName}</Text>;
  if (item.kind === 'event') return <Text fw={600} size="sm">{AUDIT_ACTION_LABELS[item.event.action as AuditAction] ?? item.event.action}</Text>;
  return (
    <Group gap="xs">
      <Text fw={600} size="sm">
        Order{' '}
        <Anchor component={Link} to={orderPath(item.order.id)}>
          {item.order.number}
        </Anchor>
      </Text>
      <Badge variant="light" color="gray" tt="none" size="sm">
        {ORDER_STATUS_LABEL[item.order.status as OrderStatus] ?? item.order.status}
      </Badge>
    </Group>
  );
}

function ItemBody({ item, customerId, dateFormat }: { item: TimelineItem; customerId: string; dateFormat: string }) {
  const when = formatDate(item.at, dateFormat, true);
  if (item.kind === 'note') return <NoteBody note={item.note} customerId={customerId} when={when} />;
  if (item.kind === 'event') {
    return (
      <Text size="xs" c="dimmed">
        {item.event.actorName} · {when}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed">
      {formatMoney(item.order.totalAmount, item.order.currency)} · placed by {item.order.placedByName} · {when}
    </Text>
  );
}

function NoteBody({ note, customerId, when }: { note: CustomerNote; customerId: string; when: string }) {
  const [editing, setEditing] = useState(false);
  const remove = useDeleteNote(customerId);
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: 'Delete this note?',
      children: <Text size="sm">It is removed from the record. The audit log keeps what it said.</Text>,
      labels: { confirm: 'Delete note', cancel: 'Back' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(note.id, { onError: (err) => notifications.show({ color: 'red', title: 'The note was not deleted', message: err.message }) }),
    });
  if (editing) return <EditNoteForm note={note} customerId={customerId} onDone={() => setEditing(false)} />;
  return (
    <Stack gap={2}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {note.text}
      </Text>
      <Text size="xs" c="dimmed">
        {when}
        {note.editedAt ? ' · edited' : ''}
      </Text>
      {(note.abilities.edit || note.abilities.delete) && (
        <Group gap="xs">
          {note.abilities.edit && (
            <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
              Edit
            </Button>
          )}
          {note.abilities.delete && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={confirmDelete} loading={remove.isPending}>
              Delete
            </Button>
          )}
          {note.editableUntil && (
            <Text size="xs" c="dimmed">
              You can change it until {new Date(note.editableUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}

function AddNoteForm({ customerId }: { customerId: string }) {
  const add = useAddNote(customerId);
  const form = useForm({ initialValues: { text: '' }, validate: zodValidate(addCustomerNoteSchema) });
  const submit = form.onSubmit(({ text }) =>
    add.mutate(text, {
      onSuccess: () => form.reset(),
      onError: (err) => form.setErrors({ text: err.message }),
    }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Add a note">
      <Stack gap="xs">
        <Textarea label="New note" placeholder="What should your colleagues know about this customer?" autosize minRows={2} maxRows={8} {...form.getInputProps('text')} />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            Add note
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditNoteForm({ note, customerId, onDone }: { note: CustomerNote; customerId: string; onDone: () => void }) {
  const edit = useEditNote(customerId);
  const form = useForm({ initialValues: { text: note.text }, validate: zodValidate(addCustomerNoteSchema) });
  const submit = form.onSubmit(({ text }) =>
    edit.mutate({ id: note.id, text, revision: note.revision }, { onSuccess: onDone, onError: (err) => form.setErrors({ text: err.message }) }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Edit the note">
      <Stack gap="xs">
        <Textarea label="Note" autosize minRows={2} maxRows={8} {...form.getInputProps('text')} />
        <Group gap="xs">
          <Button size="xs" type="submit" loading={edit.isPending}>
            Save
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
