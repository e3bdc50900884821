import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { createCustomerSchema, type CreateCustomer, type CustomerDetail } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { useFocusFirstError, zodValidate } from '@/lib/zod-form';
import { useCreateCustomer } from '../api/mutations';
import { CustomerFields, EMPTY_CUSTOMER } from './customer-fields';

export function NewCustomerDialog({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (c: CustomerDetail) => void }) {
  const create = useCreateCustomer();
  const form = useForm<CreateCustomer>({ initialValues: EMPTY_CUSTOMER, validate: zodValidate(createCustomerSchema) });
  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };
  const formRef = useFocusFirstError(form.errors);
  const submit = form.onSubmit((values) =>
    create.mutate(values, {
      onSuccess: (customer) => {
        notifications.show({ color: 'green', message: `${customer.companyName} was created.` });
        onCreated(customer);
        close();
      },
      // Errors the server finds (an email already in use) appear at their fields.
      onError: (err) => {
        if (err instanceof ApiRequestError) form.setErrors(err.fields);
      },
    }),
  );
  const serverError = create.error instanceof ApiRequestError && Object.keys(create.error.fields).length === 0 ? create.error : null;

  return (
    <Modal opened={opened} onClose={close} title="New customer" size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack>
          {serverError && (
            <Alert color="red" role="alert">
              {serverError.message}
            </Alert>
          )}
          <CustomerFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
