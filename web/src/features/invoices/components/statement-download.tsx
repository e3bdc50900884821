import { Button, Group, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { DayRangeInputs } from '@/components/day-range-inputs';
import { ExportButton } from '@/components/export-button';
import { useTranslation } from '@/lib/i18n';
import { statementUrl } from '../api/invoices';

const today = () => new Date().toISOString().slice(0, 10);

/** "Download statement": the customer's statement of account (xlsx) over the days picked, this year so far to begin with. */
export function StatementDownload({ customerId, dateFormat }: { customerId: string; dateFormat: string }) {
  const { t } = useTranslation('invoices');
  const [range, setRange] = useState({ from: `${today().slice(0, 4)}-01-01`, to: today() });
  const ready = Boolean(range.from && range.to && range.from <= range.to);
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t('statement.title')}
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <DayRangeInputs
          from={range.from}
          to={range.to}
          dateFormat={dateFormat}
          width={150}
          words={{ from: t('statement.from'), to: t('statement.to'), clear: (label) => t('statement.clear', { label }) }}
          onChange={(r) => setRange((v) => ({ ...v, ...r }))}
        />
        {ready ? (
          <ExportButton url={statementUrl(customerId, range)} label={t('statement.download')} />
        ) : (
          <Button variant="default" disabled leftSection={<IconFileSpreadsheet size={16} aria-hidden />}>
            {t('statement.download')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('statement.hint')}
      </Text>
    </Stack>
  );
}
