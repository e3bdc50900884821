import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from '@/lib/i18n';
import { checkRequest } from '@/lib/api-client';
import { startDownload } from '@/lib/start-download';

/**
 * "Export to Excel" for a grid: `url` is its export with the grid's current search, filter and sort.
 *
 * A click first asks the server with HEAD whether the export would be answered (session, role,
 * filters, tenancy) — a refusal becomes a notification, which a download could not show — then
 * lets the browser download the file itself, streamed to disk, never held in this page. The button
 * stays busy, and ignores clicks, until the server has started sending the file (a cookie named
 * after this click's token, see start-download.ts), so a double click makes one export.
 */
export function ExportButton({ url, label, note }: { url: string; label?: string; /** What the file holds that the grid does not show (hidden columns). */ note?: string | undefined }) {
  const { t } = useTranslation();
  const noteId = useId();
  const [running, setRunning] = useState(false);
  const busy = useRef(false); // a second click in the same tick, before the state re-renders
  const run = async () => {
    if (busy.current) return;
    busy.current = true;
    setRunning(true);
    try {
      await checkRequest(url);
      await startDownload(url);
      notifications.show({ color: 'green', message: t('export.started') });
    } catch (err) {
      notifications.show({ color: 'red', title: t('export.couldNotStart'), message: (err as Error).message });
    } finally {
      busy.current = false;
      setRunning(false);
    }
  };
  const button = (
    <Button
      aria-describedby={note ? noteId : undefined}
      variant="default"
      leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
      loading={running}
      loaderProps={{ type: 'dots' }}
      aria-busy={running}
      onClick={() => void run()}
    >
      {running ? t('export.exporting') : (label ?? t('export.exportToExcel'))}
    </Button>
  );
  if (!note) return button;
  return (
    <Stack gap={2} align="flex-end">
      {button}
      <Text id={noteId} size="xs" c="dimmed">
        {note}
      </Text>
    </Stack>
  );
}
