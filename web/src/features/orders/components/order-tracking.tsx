import { ActionIcon, Alert, Anchor, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconExternalLink, IconTrash } from '@tabler/icons-react';
import { useTranslation } from '@/lib/i18n';
import { addTrackingSchema, CARRIERS, type AddTracking, type Carrier, type OrderDetail } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { formatDate } from '@/lib/format';
import { zodValidate } from '@/lib/zod-form';
import { useAddTracking, useRemoveTracking } from '../api/mutations';

const CARRIER_OPTIONS = (Object.entries(CARRIERS) as [Carrier, { name: string }][]).map(([value, c]) => ({ value, label: c.name }));

/** The parcels an order shipped in: everyone who sees the order sees them (a link where the carrier has a tracking page); staff add them. */
export function OrderTracking({ order: o, dateFormat, language }: { order: OrderDetail; dateFormat: string; language: string }) {
  const { t } = useTranslation('orders');
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="tracking-title">
      <Title order={2} size="h3" id="tracking-title" mb="sm">
        {t('tracking.title')}
      </Title>
      {o.tracking.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('tracking.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing="xs" aria-labelledby="tracking-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tracking.carrier')}</Table.Th>
                <Table.Th>{t('tracking.number')}</Table.Th>
                <Table.Th>{t('tracking.added')}</Table.Th>
                {o.abilities.removeTracking && (
                  <Table.Th>
                    <VisuallyHidden>Remove</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.tracking.map((p) => (
                <Table.Tr key={p.number}>
                  <Table.Td>{p.carrierName}</Table.Td>
                  <Table.Td>
                    {p.url ? (
                      <Anchor href={p.url} target="_blank" rel="noopener noreferrer" aria-label={t('tracking.trackWith', { number: p.number, carrier: p.carrierName })}>
                        <Group gap={4} wrap="nowrap">
                          {p.number} <IconExternalLink size={14} aria-hidden />
                        </Group>
                      </Anchor>
                    ) : (
                      p.number
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(p.addedAt, dateFormat, false, language)}</Table.Td>
                  {o.abilities.removeTracking && (
                    <Table.Td>
                      <RemoveTrackingButton orderId={o.id} number={p.number} carrierName={p.carrierName} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {o.abilities.addTracking && <AddTrackingForm orderId={o.id} />}
    </Paper>
  );
}

/** Takes a number typed wrong off the order, after a confirmation naming it. */
function RemoveTrackingButton({ orderId, number, carrierName }: { orderId: string; number: string; carrierName: string }) {
  const remove = useRemoveTracking(orderId);
  const confirm = () =>
    modals.openConfirmModal({
      title: 'Remove this tracking number?',
      children: <Text size="sm">{`${carrierName} ${number} will no longer show on the order, for staff or the buyer. The removal is recorded in the order’s history.`}</Text>,
      labels: { confirm: 'Remove', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(number, {
          onSuccess: () => notifications.show({ color: 'green', message: `Tracking number ${number} removed.` }),
          onError: (err) => notifications.show({ color: 'red', title: 'The tracking number was not removed', message: err.message }),
        }),
    });
  return (
    <ActionIcon variant="subtle" color="red" aria-label={`Remove tracking number ${number}`} loading={remove.isPending} onClick={confirm}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

function AddTrackingForm({ orderId }: { orderId: string }) {
  const add = useAddTracking(orderId);
  const form = useForm<AddTracking>({ initialValues: { carrier: 'ups', number: '' }, validate: zodValidate(addTrackingSchema) });
  const submit = form.onSubmit((values) =>
    add.mutate(values, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: `Tracking number ${values.number.trim()} added.` });
        form.reset();
      },
      onError: (err) => {
        if (err instanceof ApiRequestError && Object.keys(err.fields).length > 0) form.setErrors(err.fields);
      },
    }),
  );
  const serverError = add.error instanceof ApiRequestError && Object.keys(add.error.fields).filter((f) => f !== 'status').length === 0 ? add.error : null;
  return (
    <form onSubmit={submit} noValidate aria-label="Add a tracking number">
      <Stack gap="xs" mt="md">
        {serverError && (
          <Alert color="red" role="alert">
            {serverError.message}
          </Alert>
        )}
        <Group align="flex-start" wrap="wrap" gap="sm">
          <Select label="Carrier" data={CARRIER_OPTIONS} allowDeselect={false} w={{ base: '100%', xs: 180 }} {...form.getInputProps('carrier')} />
          <TextInput label="Tracking number" placeholder="e.g. 1Z999AA10123456784" w={{ base: '100%', xs: 260 }} {...form.getInputProps('number')} />
          <Button type="submit" mt={{ base: 0, xs: 25 }} loading={add.isPending}>
            Add tracking number
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
