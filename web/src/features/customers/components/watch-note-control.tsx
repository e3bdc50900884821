import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import type { CustomerDetail } from '@app/shared';
import { WATCH_TEXT, WatchNoteBanner } from '@/components/watch-note';
import { formatDate } from '@/lib/format';
import { useSetWatchNote } from '../api/mutations';

/** The record's watch-list note as a banner, and for the reseller the way to set, change or clear it. */
export function WatchNoteControl({ customer: c, dateFormat }: { customer: CustomerDetail; dateFormat: string }) {
  const [opened, dialog] = useDisclosure(false);
  const canSet = c.abilities.setWatchNote;
  if (!c.watchNote && !canSet) return null;
  const editButton = (label: string) => (
    <Button size="compact-sm" variant={c.watchNote ? 'subtle' : 'light'} color={WATCH_TEXT} leftSection={<IconEye size={16} aria-hidden />} onClick={dialog.open}>
      {label}
    </Button>
  );
  return (
    <>
      {c.watchNote ? (
        <WatchNoteBanner
          text={c.watchNote.text}
          byline={`${c.watchNote.byName} · ${formatDate(c.watchNote.at, dateFormat, true)}`}
          action={canSet && <Group mt="xs">{editButton('Change the watch-list note')}</Group>}
        />
      ) : (
        <Group>{editButton('Add to the watch list')}</Group>
      )}
      {canSet && opened && <WatchNoteDialog customer={c} onClose={dialog.close} />}
    </>
  );
}

function WatchNoteDialog({ customer: c, onClose }: { customer: CustomerDetail; onClose: () => void }) {
  const [text, setText] = useState(c.watchNote?.text ?? '');
  const set = useSetWatchNote(c.id);
  const save = (value: string) =>
    set.mutate(
      { text: value, revision: c.revision },
      {
        onSuccess: (after) => {
          notifications.show({ color: 'green', message: after.watchNote ? `${c.companyName} is on the watch list.` : `${c.companyName} is off the watch list.` });
          onClose();
        },
      },
    );
  const tooLong = text.trim().length > 500;
  return (
    <Modal opened onClose={onClose} title="Watch list" size="lg">
      <Stack>
        <Textarea
          label="Watch-list note"
          description="Staff see it on this record, in the customers grid, on approval cards and on every order page of this customer. Never the customer."
          autosize
          minRows={3}
          maxRows={8}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={tooLong ? 'A watch-list note must be at most 500 characters' : set.error?.message}
          data-autofocus
        />
        <Group justify="space-between">
          {c.watchNote ? (
            <Button variant="default" color="red" onClick={() => save('')} loading={set.isPending && set.variables?.text === ''}>
              Take off the watch list
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => save(text)} disabled={text.trim() === '' || tooLong} loading={set.isPending && set.variables?.text !== ''}>
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
