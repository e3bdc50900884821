import { Alert, Indicator, Text, Tooltip } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * The customer's watch-list note wherever the customer appears to staff. The mark pulses (a
 * processing indicator) so a watched customer catches the eye in a grid or on a card.
 */
export function WatchNoteMark({ text }: { text: string }) {
  return (
    <Tooltip label={`Watch list: ${text}`} multiline maw={320} withArrow>
      <Indicator processing color="orange" size={7} offset={2} position="top-end" style={{ display: 'inline-flex', flexShrink: 0 }}>
        <IconEye size={18} color="var(--mantine-color-orange-8)" role="img" aria-label={`On the watch list: ${text}`} />
      </Indicator>
    </Tooltip>
  );
}

/** Dark enough on the banner's light orange for WCAG AA (the theme's orange text is not). */
export const WATCH_TEXT = '#8f4700';

/** The note as a banner: the record, an order page, an approval card. */
export function WatchNoteBanner({ text, byline, action }: { text: string; byline?: string | undefined; action?: ReactNode }) {
  return (
    <Alert color="orange" variant="light" role="note" aria-label="Watch list" title="Watch list" icon={<IconEye size={20} aria-hidden />} styles={{ root: { borderLeft: '4px solid var(--mantine-color-orange-6)' }, title: { color: WATCH_TEXT } }}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
      {byline && (
        <Text size="xs" c="dimmed" mt={4}>
          {byline}
        </Text>
      )}
      {action}
    </Alert>
  );
}
