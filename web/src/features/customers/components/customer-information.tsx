import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { customerFieldsSchema, type CustomerDetail, type CustomerFields as Fields } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { zodValidate } from '@/lib/zod-form';
import { customerKeys } from '../api/keys';
import { useUpdateCustomer } from '../api/mutations';
import { CustomerFields } from './customer-fields';

const pick = (c: CustomerDetail): Fields => ({
  companyName: c.companyName, email: c.email, phone: c.phone, address: c.address,
  city: c.city, country: c.country, state: c.state, postcode: c.postcode,
});

/** The information section: edited in place, saved with Update; a stale copy offers to reload. */
export function CustomerInformation({ customer }: { customer: CustomerDetail }) {
  const queryClient = useQueryClient();
  const update = useUpdateCustomer(customer.id);
  const form = useForm<Fields>({ initialValues: pick(customer), validate: zodValidate(customerFieldsSchema) });
  const stale = update.error instanceof ApiRequestError && update.error.code === 'stale';
  const otherError = update.error instanceof ApiRequestError && !stale && Object.keys(update.error.fields).length === 0 ? update.error : null;

  const submit = form.onSubmit((values) =>
    update.mutate(
      { ...values, revision: customer.revision },
      {
        onSuccess: (c) => {
          form.setInitialValues(pick(c));
          form.setValues(pick(c));
          notifications.show({ color: 'green', message: 'The customer information was updated.' });
        },
        onError: (err) => {
          if (err instanceof ApiRequestError) form.setErrors(err.fields);
        },
      },
    ),
  );

  useLeaveGuard(customer.abilities.edit && form.isDirty() && !update.isPending, customer.companyName);

  const reload = async () => {
    update.reset();
    const fresh = await queryClient.fetchQuery({ queryKey: customerKeys.detail(customer.id), staleTime: 0 });
    const c = fresh as CustomerDetail;
    form.setInitialValues(pick(c));
    form.setValues(pick(c));
  };

  return (
    <Paper withBorder p="lg" radius="md" id="information" component="section" aria-labelledby="information-title">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="information-title">
            Information
          </Title>
          {stale && (
            <Alert color="yellow" role="alert" title="Someone else changed this customer">
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
          <CustomerFields form={form} readOnly={!customer.abilities.edit} />
          {customer.abilities.edit && (
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

/**
 * Unsaved edits are not dropped without a word: leaving for another page asks first (the router's
 * blocker), and closing or reloading the tab gets the browser's own warning.
 */
function useLeaveGuard(dirty: boolean, name: string) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    let leaving = false;
    modals.openConfirmModal({
      title: 'Leave without saving?',
      children: <Text size="sm">Your changes to the information of {name} are not saved yet.</Text>,
      labels: { confirm: 'Leave without saving', cancel: 'Stay' },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        leaving = true;
        blocker.proceed();
      },
      onClose: () => {
        if (!leaving) blocker.reset();
      },
    });
    // Once per blocked navigation (the blocker object changes on every render meanwhile).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [blocker.state]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
