import { Alert, Button, Group, Modal, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { createResellerSchema, CREDIT_CARD_CONSEQUENCE, PAYMENT_METHOD_LABEL, type CreateReseller, type PaymentMethod } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { useFocusFirstError, zodValidate } from '@/lib/zod-form';
import { useCreateReseller } from '../api/mutations';
import { EMPTY_RESELLER, ResellerFields } from './reseller-fields';

const EMPTY: CreateReseller = { ...EMPTY_RESELLER, paymentMethod: 'cash', staff: { firstName: '', lastName: '', email: '' } };

/** Onboarding: a reseller and its first staff user, who gets an activation email. */
export function NewResellerDialog({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const create = useCreateReseller();
  const form = useForm<CreateReseller>({ initialValues: EMPTY, validate: zodValidate(createResellerSchema) });
  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };
  const formRef = useFocusFirstError(form.errors);
  const submit = form.onSubmit((values) =>
    create.mutate(values, {
      onSuccess: ({ reseller, emailSent }) => {
        notifications.show(
          emailSent
            ? { color: 'green', message: `${reseller.name} was created. ${values.staff.firstName} was emailed an activation link.` }
            : { color: 'yellow', message: `${reseller.name} was created. The mail server did not take the activation email yet; it is tried again automatically for 24 hours.` },
        );
        onCreated(reseller.id);
        close();
      },
      onError: (err) => {
        if (err instanceof ApiRequestError) form.setErrors(err.fields);
      },
    }),
  );
  const serverError = create.error instanceof ApiRequestError && Object.keys(create.error.fields).length === 0 ? create.error : null;

  return (
    <Modal opened={opened} onClose={close} title="New reseller" size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack>
          {serverError && (
            <Alert color="red" role="alert">
              {serverError.message}
            </Alert>
          )}
          <ResellerFields form={form} startingMarkup />
          <Radio.Group label="Payment method" required {...form.getInputProps('paymentMethod')}>
            <Group mt={6}>
              {(Object.keys(PAYMENT_METHOD_LABEL) as PaymentMethod[]).map((m) => (
                <Radio key={m} value={m} label={PAYMENT_METHOD_LABEL[m]} />
              ))}
            </Group>
          </Radio.Group>
          {form.getValues().paymentMethod === 'credit_card' && (
            <Text size="sm" c="dimmed">
              {CREDIT_CARD_CONSEQUENCE}
            </Text>
          )}
          <div>
            <Title order={3} size="h5">
              First staff user
            </Title>
            <Text size="sm" c="dimmed">
              They get an email with a link to activate their account and choose a password.
            </Text>
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
            <TextInput label="First name" required autoComplete="off" {...form.getInputProps('staff.firstName')} />
            <TextInput label="Last name" required autoComplete="off" {...form.getInputProps('staff.lastName')} />
            <TextInput label="Email" type="email" required autoComplete="off" style={{ gridColumn: '1 / -1' }} {...form.getInputProps('staff.email')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create reseller
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
