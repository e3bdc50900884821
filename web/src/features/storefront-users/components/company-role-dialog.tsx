import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from '@/lib/i18n';
import { COMPANY_ROLES, setCompanyRoleSchema, type SetCompanyRole, type StorefrontUser } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { numberSeparators } from '@/lib/format';
import { zodValidate } from '@/lib/zod-form';
import { useSetCompanyRole } from '../api/mutations';

/** A user's role in its company and spending limits (empty: no limit). */
export function CompanyRoleDialog({ customerId, user, currency, onClose }: { customerId: string; user: StorefrontUser; currency: string; onClose: () => void }) {
  const { t } = useTranslation(['account', 'common']);
  const save = useSetCompanyRole(customerId);
  const name = `${user.firstName} ${user.lastName}`;
  const roleOptions = COMPANY_ROLES.map((r) => ({ value: r, label: `${t(`companyRole.${r}`)} — ${t(`companyRoleHint.${r}`)}` }));
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
          notifications.show({ color: 'green', message: t('companyUsers.roleSaved', { name }) });
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiRequestError && Object.keys(err.fields).length > 0) form.setErrors(err.fields);
          else notifications.show({ color: 'red', title: t('companyUsers.nothingChanged'), message: err.message });
        },
      },
    ),
  );
  return (
    <Modal opened onClose={onClose} title={t('companyUsers.roleAndLimitsOf', { name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select label={t('companyUsers.roleInCompany')} required allowDeselect={false} data={roleOptions} {...form.getInputProps('companyRole')} />
          <Text size="sm" c="dimmed">
            {t('companyUsers.limitsHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NumberInput label={t('companyUsers.limitPerOrder', { currency })} min={0} decimalScale={2} {...numberSeparators()} {...limit('orderLimit')} />
            <NumberInput label={t('companyUsers.limitPerMonth', { currency })} min={0} decimalScale={2} {...numberSeparators()} {...limit('monthlyLimit')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
