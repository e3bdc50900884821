import { Alert, Button, Group, Loader, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
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

const passwordFormSchema = changePasswordSchema
  .extend({ confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'The passwords do not match' });

/** The signed-in person's own page: their name and preferences, and their password. Every persona has one. */
export function ProfilePage() {
  usePageTitle('Your profile');
  const profile = useProfile();
  return (
    <Stack gap="lg" maw={720}>
      <div>
        <Title order={1}>Your profile</Title>
        <Text c="dimmed">How you are named to others, how dates are shown to you, and your password.</Text>
      </div>
      {profile.isPending && <Loader role="status" aria-label="Loading your profile" />}
      {profile.isError && <LoadErrorAlert title="Your profile could not be loaded" message={profile.error.message} onRetry={() => void profile.refetch()} />}
      {profile.data && (
        <>
          <DetailsForm profile={profile.data} />
          <PasswordForm />
        </>
      )}
    </Stack>
  );
}

function DetailsForm({ profile }: { profile: Profile }) {
  const save = useUpdateProfile();
  const initial: ProfileFields = { firstName: profile.firstName, lastName: profile.lastName, language: profile.language, dateFormat: profile.dateFormat };
  const form = useForm<ProfileFields>({ initialValues: initial, validate: zodValidate(profileFieldsSchema) });
  const submit = form.onSubmit(
    (values) =>
      save.mutate(values, {
        onSuccess: (saved) => {
          form.setInitialValues(saved);
          form.reset();
          notifications.show({ color: 'green', message: 'Your profile was saved.' });
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
            Details
          </Title>
          {failed && (
            <Alert color="red" role="alert">
              {failed.message}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput id="profile-firstName" label="First name" autoComplete="given-name" required {...form.getInputProps('firstName')} />
            <TextInput id="profile-lastName" label="Last name" autoComplete="family-name" required {...form.getInputProps('lastName')} />
            <TextInput label="Email" value={profile.email} readOnly description="Your sign-in name: whoever manages your account changes it" />
            <Select id="profile-language" label="Language" description="Of the emails you receive" data={LANGUAGE_OPTIONS} allowDeselect={false} {...form.getInputProps('language')} />
            <Select id="profile-dateFormat" label="Date format" data={dateFormatOptions()} allowDeselect={false} {...form.getInputProps('dateFormat')} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm() {
  const change = useChangePassword();
  const form = useForm({ initialValues: { currentPassword: '', newPassword: '', confirm: '' }, validate: zodValidate(passwordFormSchema) });
  const submit = form.onSubmit(
    ({ currentPassword, newPassword }) =>
      change.mutate(
        { currentPassword, newPassword },
        {
          onSuccess: ({ otherSessionsEnded }) => {
            form.reset();
            notifications.show({
              color: 'green',
              message: `Your password was changed.${otherSessionsEnded > 0 ? ` ${otherSessionsEnded === 1 ? 'Your other session was' : `Your ${otherSessionsEnded} other sessions were`} signed out.` : ''}`,
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
              Password
            </Title>
            <Text size="sm" c="dimmed">
              At least 10 characters, letters with digits or symbols. Changing it signs you out everywhere else; this window stays signed in.
            </Text>
          </div>
          {failed && (
            <Alert color="red" role="alert">
              {failed.message}
            </Alert>
          )}
          <PasswordInput id="password-currentPassword" label="Current password" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PasswordInput id="password-newPassword" label="New password" autoComplete="new-password" required {...form.getInputProps('newPassword')} />
            <PasswordInput id="password-confirm" label="Repeat the new password" autoComplete="new-password" required {...form.getInputProps('confirm')} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
