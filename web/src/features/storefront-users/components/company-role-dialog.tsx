import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { setCompanyRoleSchema, type SetCompanyRole, type StorefrontUser } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { zodValidate } from '@/lib/zod-form';
import { useSetCompanyRole } from '../api/mutations';
import { COMPANY_ROLE_OPTIONS } from './add-storefront-user-dialog';

/** A user's role in its company and spending limits (empty: no limit). */
export function CompanyRoleDialog({ customerId, user, currency, onClose }: { customerId: string; user: StorefrontUser; currency: string; onClose: () => void }) {
  const save = useSetCompanyRole(customerId);
  const form = useForm<SetCompanyRole>({
    initialValues: { companyRole: user.companyRole, orderLimit: user.orderLimit, monthlyLimit: user.monthlyLimit },
    validate: zodValidate(setCompanyRoleSchema),
  });
  const limit = (field: 'orderLimit' | 'monthlyLimit') => {
    const props = form.getInputProps(field);
    return { ...props, value: props.value ?? '', onChange: (v: string | number) => form.setFieldValue(field, v === '' ? null : Number(v)) };
  };
  const submit = form.onSubmit((body) =>
    save.mutate(
      { userId: user.id, body },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `${user.firstName} ${user.lastName}: role and limits saved.` });
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiRequestError && Object.keys(err.fields).length > 0) form.setErrors(err.fields);
          else notifications.show({ color: 'red', title: 'Nothing was changed', message: err.message });
        },
      },
    ),
  );
  return (
    <Modal opened onClose={onClose} title={`Role and limits · ${user.firstName} ${user.lastName}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select label="Role in the company" required allowDeselect={false} data={COMPANY_ROLE_OPTIONS} {...form.getInputProps('companyRole')} />
          <Text size="sm" c="dimmed">
            Above a limit the order waits for the reseller’s approval. Leave empty for no limit.
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NumberInput label={`Per order (${currency})`} min={0} decimalScale={2} thousandSeparator="," {...limit('orderLimit')} />
            <NumberInput label={`Per calendar month (${currency})`} min={0} decimalScale={2} thousandSeparator="," {...limit('monthlyLimit')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
