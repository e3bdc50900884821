import { Alert, Button, Group, Loader, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { MAX_OVERDUE_APPROVAL_DAYS, updateCreditSettingsSchema, type CreditSettings } from '@app/shared';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { ApiRequestError } from '@/lib/api-client';
import { usePageTitle } from '@/lib/use-page-title';
import { useCreditSettings, useUpdateCreditSettings } from '../api/credit-settings';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** Reseller · Credit settings: its own staff change the overdue days. (A staff screen: English.) */
export function CreditSettingsPage({ resellerId }: { resellerId: string }) {
  usePageTitle('Credit settings');
  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1}>Credit settings</Title>
        <Text c="dimmed">When your customers’ unpaid invoices hold their new orders for your approval.</Text>
      </div>
      <CreditSettingsSection resellerId={resellerId} />
    </Stack>
  );
}

/**
 * The overdue days of one reseller: a form for whoever the server lets edit it (the reseller's
 * staff), the value as a sentence for whoever may only read it (its distributor).
 */
export function CreditSettingsSection({ resellerId }: { resellerId: string }) {
  const settings = useCreditSettings(resellerId);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="credit-settings-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="credit-settings-title">
          Overdue invoices
        </Title>
        {settings.isPending && <Loader size="sm" role="status" aria-label="Loading the credit settings" />}
        {settings.isError && <LoadErrorAlert title="The credit settings could not be loaded" message={settings.error.message} onRetry={() => void settings.refetch()} />}
        {settings.data &&
          (settings.data.abilities.edit ? (
            <OverdueDaysForm key={settings.data.revision} settings={settings.data} onReload={() => void settings.refetch()} />
          ) : (
            <Text>
              A customer with an invoice overdue by more than <strong>{days(settings.data.overdueApprovalDays)}</strong> has its orders wait for approval, whatever its
              approval rule says.
            </Text>
          ))}
      </Stack>
    </Paper>
  );
}

function OverdueDaysForm({ settings, onReload }: { settings: CreditSettings; onReload: () => void }) {
  const save = useUpdateCreditSettings(settings.resellerId);
  const [value, setValue] = useState<number | string>(settings.overdueApprovalDays);
  const parsed = updateCreditSettingsSchema.shape.overdueApprovalDays.safeParse(typeof value === 'number' ? value : Number.NaN);
  const error = value === '' ? 'Enter a number of days' : parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Enter a number of days');
  const changed = parsed.success && parsed.data !== settings.overdueApprovalDays;
  const stale = save.error instanceof ApiRequestError && save.error.status === 409;
  const submit = () => {
    if (!parsed.success) return;
    save.mutate(
      { overdueApprovalDays: parsed.data, revision: settings.revision },
      { onSuccess: (s) => notifications.show({ color: 'green', message: `Orders now wait once an invoice is overdue by more than ${days(s.overdueApprovalDays)}.` }) },
    );
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <NumberInput
          label="Days overdue before orders wait for approval"
          description={`A customer with an invoice overdue by more than this many days has its orders wait for your approval, whatever its approval rule says. 0 to ${MAX_OVERDUE_APPROVAL_DAYS}; 0 holds orders from the first day overdue.`}
          min={0}
          max={MAX_OVERDUE_APPROVAL_DAYS}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          suffix=" days"
          value={value}
          onChange={setValue}
          error={value !== settings.overdueApprovalDays ? error : null}
          w={{ base: '100%', xs: 320 }}
        />
        {save.error && (
          <Alert color={stale ? 'yellow' : 'red'} role="alert" title="Nothing was changed">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{save.error instanceof ApiRequestError ? (save.error.fields.overdueApprovalDays ?? save.error.message) : save.error.message}</Text>
              {stale && (
                <Button size="compact-sm" variant="light" onClick={onReload}>
                  Load the latest
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
