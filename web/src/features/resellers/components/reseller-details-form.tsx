import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { resellerFieldsSchema, type ResellerDetail, type ResellerFields as Fields } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { zodValidate } from '@/lib/zod-form';
import { resellerKeys } from '../api/keys';
import { useUpdateReseller } from '../api/mutations';
import { ResellerFields } from './reseller-fields';

const pick = (r: ResellerDetail): Fields => ({
  name: r.name, contactName: r.contactName, contactEmail: r.contactEmail, phone: r.phone, city: r.city, country: r.country, markupPercent: r.markupPercent,
});

/** Details and default markup: edited in place, saved with Update on the revision read; a stale copy offers to reload. */
export function ResellerDetailsForm({ reseller }: { reseller: ResellerDetail }) {
  const queryClient = useQueryClient();
  const update = useUpdateReseller(reseller.id);
  const form = useForm<Fields>({ initialValues: pick(reseller), validate: zodValidate(resellerFieldsSchema) });
  const stale = update.error instanceof ApiRequestError && update.error.code === 'stale';
  const otherError = update.error instanceof ApiRequestError && !stale && Object.keys(update.error.fields).length === 0 ? update.error : null;

  const submit = form.onSubmit((values) =>
    update.mutate(
      { ...values, revision: reseller.revision },
      {
        onSuccess: (r) => {
          form.setInitialValues(pick(r));
          form.setValues(pick(r));
          notifications.show({ color: 'green', message: `The details of ${r.name} were updated.` });
        },
        onError: (err) => {
          if (err instanceof ApiRequestError) form.setErrors(err.fields);
        },
      },
    ),
  );

  const reload = async () => {
    update.reset();
    const fresh = (await queryClient.fetchQuery({ queryKey: resellerKeys.detail(reseller.id), staleTime: 0 })) as ResellerDetail;
    form.setInitialValues(pick(fresh));
    form.setValues(pick(fresh));
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="details-title">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="details-title">
            Details and markup
          </Title>
          {stale && (
            <Alert color="yellow" role="alert" title="Someone else changed this reseller">
              <Group justify="space-between">
                <Text size="sm">Your edit was not saved. Reload to see the latest version, then make your change again.</Text>
                <Button size="xs" onClick={reload}>
                  Reload
                </Button>
              </Group>
            </Alert>
          )}
          {otherError && (
            <Alert color="red" role="alert">
              {otherError.message}
            </Alert>
          )}
          <ResellerFields form={form} />
          {reseller.abilities.edit && (
            <Group justify="flex-end">
              <Button variant="default" disabled={!form.isDirty()} onClick={() => form.reset()}>
                Discard changes
              </Button>
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty() || stale}>
                Update
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
