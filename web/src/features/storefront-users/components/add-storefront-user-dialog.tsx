import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { COMPANY_ROLE_HINT, COMPANY_ROLE_LABEL, COMPANY_ROLES, createStorefrontUserSchema, DATE_FORMATS, LANGUAGES, type CreateStorefrontUser } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { zodValidate } from '@/lib/zod-form';
import { useAddStorefrontUser } from '../api/mutations';

const EMPTY: CreateStorefrontUser = { firstName: '', lastName: '', email: '', language: 'en', dateFormat: 'DD/MM/YYYY', companyRole: 'buyer' };

/** The roles as a select offers them, each with what it may do. */
export const COMPANY_ROLE_OPTIONS = COMPANY_ROLES.map((r) => ({ value: r, label: `${COMPANY_ROLE_LABEL[r]} — ${COMPANY_ROLE_HINT[r]}` }));

export function AddStorefrontUserDialog({ customerId, opened, onClose }: { customerId: string; opened: boolean; onClose: () => void }) {
  const add = useAddStorefrontUser(customerId);
  const form = useForm<CreateStorefrontUser>({ initialValues: EMPTY, validate: zodValidate(createStorefrontUserSchema) });
  const close = () => {
    form.reset();
    onClose();
  };
  const submit = form.onSubmit((values) =>
    add.mutate(values, {
      onSuccess: ({ user, emailSent }) => {
        notifications.show(
          emailSent
            ? { color: 'green', message: `${user.firstName} ${user.lastName} was added and sent an activation link.` }
            : { color: 'yellow', title: `${user.firstName} ${user.lastName} was added`, message: 'The mail server did not take the activation email yet; it is tried again automatically for 24 hours.' },
        );
        close();
      },
      onError: (err) => {
        if (err instanceof ApiRequestError && Object.keys(err.fields).length > 0) form.setErrors(err.fields);
        else notifications.show({ color: 'red', title: 'The user was not added', message: err.message });
      },
    }),
  );

  return (
    <Modal opened={opened} onClose={close} title="Add storefront user">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label="First name" required autoComplete="given-name" {...form.getInputProps('firstName')} />
            <TextInput label="Last name" required autoComplete="family-name" {...form.getInputProps('lastName')} />
          </SimpleGrid>
          <TextInput label="Email" type="email" required description="The activation link is sent here." {...form.getInputProps('email')} />
          <Select label="Role in the company" required allowDeselect={false} data={COMPANY_ROLE_OPTIONS} {...form.getInputProps('companyRole')} />
          <SimpleGrid cols={2}>
            <Select label="Preferred language" required allowDeselect={false} data={Object.entries(LANGUAGES).map(([value, label]) => ({ value, label }))} {...form.getInputProps('language')} />
            <Select label="Date format" required allowDeselect={false} data={[...DATE_FORMATS]} {...form.getInputProps('dateFormat')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              OK
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
