import { Alert, Button, Group, Loader, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from '@/lib/i18n';
import { z } from 'zod';
import { changePasswordSchema, DATE_FORMATS, LANGUAGES, profileFieldsSchema, type Profile, type ProfileFields } from '@app/shared';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { ApiRequestError } from '@/lib/api-client';
import { formatDate } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { zodValidate } from '@/lib/zod-form';
import { useChangePassword, useProfile, useUpdateProfile } from '../api/profile';

const LANGUAGE_OPTIONS = Object.entries(LANGUAGES).map(([value, label]) => ({ value, label }));
// Each format shown with today's date in it, so the choice is seen rather than decoded.
const dateFormatOptions = () => DATE_FORMATS.map((f) => ({ value: f, label: `${f} (${formatDate(new Date().toISOString(), f)})` }));

const passwordFormSchema = (mismatch: string) =>
  changePasswordSchema.extend({ confirm: z.string() }).refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: mismatch });

/**
 * The signed-in person's own page: their name and preferences, and their password. Every persona
 * has one; `languageShapesScreens` where the chosen language is also the screens' (the storefront).
 */
export function ProfilePage({ languageShapesScreens = false }: { languageShapesScreens?: boolean }) {
  const { t } = useTranslation('account');
  usePageTitle(t('profile.title'));
  const profile = useProfile();
  return (
    <Stack gap="lg" maw={720}>
      <div>
        <Title order={1}>{t('profile.title')}</Title>
        <Text c="dimmed">{t('profile.intro')}</Text>
      </div>
      {profile.isPending && <Loader role="status" aria-label={t('profile.loading')} />}
      {profile.isError && <LoadErrorAlert title={t('profile.loadError')} message={profile.error.message} onRetry={() => void profile.refetch()} />}
      {profile.data && (
        <>
          <DetailsForm profile={profile.data} languageShapesScreens={languageShapesScreens} />
          <PasswordForm />
        </>
      )}
    </Stack>
  );
}

function DetailsForm({ profile, languageShapesScreens }: { profile: Profile; languageShapesScreens: boolean }) {
  const { t } = useTranslation(['account', 'common']);
  const save = useUpdateProfile();
  const initial: ProfileFields = { firstName: profile.firstName, lastName: profile.lastName, language: profile.language, dateFormat: profile.dateFormat };
  const form = useForm<ProfileFields>({ initialValues: initial, validate: zodValidate(profileFieldsSchema) });
  const submit = form.onSubmit(
    (values) =>
      save.mutate(values, {
        onSuccess: (saved) => {
          form.setInitialValues(saved);
          form.reset();
          notifications.show({ color: 'green', message: t('profile.saved') });
        },
        onError: (err) => {
          if (err instanceof ApiRequestError) form.setErrors(err.fields);
        },
      }),
    // Focus goes to the first field that needs attention.
    (errors) => document.getElementById(`profile-${Object.keys(errors)[0]}`)?.focus(),
  );
  const failed = save.error instanceof ApiRequestError && Object.keys(save.error.fields).length === 0 ? save.error : null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="profile-details">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="profile-details">
            {t('profile.details')}
          </Title>
          {failed && (
            <Alert color="red" role="alert">
              {failed.message}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput id="profile-firstName" label={t('profile.firstName')} autoComplete="given-name" required {...form.getInputProps('firstName')} />
            <TextInput id="profile-lastName" label={t('profile.lastName')} autoComplete="family-name" required {...form.getInputProps('lastName')} />
            <TextInput label={t('profile.email')} value={profile.email} readOnly description={t('profile.emailHint')} />
            <Select id="profile-language" label={t('profile.language')} description={languageShapesScreens ? t('profile.languageHintStorefront') : t('profile.languageHint')} data={LANGUAGE_OPTIONS} allowDeselect={false} {...form.getInputProps('language')} />
            <Select id="profile-dateFormat" label={t('profile.dateFormat')} data={dateFormatOptions()} allowDeselect={false} {...form.getInputProps('dateFormat')} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm() {
  const { t } = useTranslation('account');
  const change = useChangePassword();
  const form = useForm({ initialValues: { currentPassword: '', newPassword: '', confirm: '' }, validate: zodValidate(passwordFormSchema(t('profile.passwordsDiffer'))) });
  const submit = form.onSubmit(
    ({ currentPassword, newPassword }) =>
      change.mutate(
        { currentPassword, newPassword },
        {
          onSuccess: ({ otherSessionsEnded }) => {
            form.reset();
            notifications.show({
              color: 'green',
              message: otherSessionsEnded > 0 ? `${t('profile.passwordChanged')} ${t('profile.otherSessionsEnded', { count: otherSessionsEnded })}` : t('profile.passwordChanged'),
            });
          },
          onError: (err) => {
            if (err instanceof ApiRequestError) form.setErrors(err.fields);
          },
        },
      ),
    (errors) => document.getElementById(`password-${Object.keys(errors)[0]}`)?.focus(),
  );
  const failed = change.error instanceof ApiRequestError && Object.keys(change.error.fields).length === 0 ? change.error : null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="profile-password">
      <form onSubmit={submit} noValidate>
        <Stack>
          <div>
            <Title order={2} size="h3" id="profile-password">
              {t('profile.password')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('profile.passwordRules')}
            </Text>
          </div>
          {failed && (
            <Alert color="red" role="alert">
              {failed.message}
            </Alert>
          )}
          <PasswordInput id="password-currentPassword" label={t('profile.currentPassword')} autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PasswordInput id="password-newPassword" label={t('profile.newPassword')} autoComplete="new-password" required {...form.getInputProps('newPassword')} />
            <PasswordInput id="password-confirm" label={t('profile.repeatPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
