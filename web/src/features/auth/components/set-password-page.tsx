import { Alert, Anchor, Button, Loader, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { newPasswordSchema, type LinkStatus } from '@app/shared';
import { PublicCard } from '@/components/public-card';
import { apiRequest, ApiRequestError } from '@/lib/api-client';
import { usePageTitle } from '@/lib/use-page-title';
import { zodValidate } from '@/lib/zod-form';
import { paths, signInPath } from '@/lib/paths';
import { authKeys } from '../api/keys';

const formSchema = z
  .object({ password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match' });

/** The page behind an emailed link: activation of a new account, or a password reset. */
export function SetPasswordPage({ purpose }: { purpose: 'activation' | 'reset' }) {
  const title = purpose === 'activation' ? 'Activate your account' : 'Choose a new password';
  usePageTitle(title);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';
  const form = useForm({ initialValues: { password: '', confirm: '' }, validate: zodValidate(formSchema) });
  const save = useMutation({
    mutationFn: (password: string) =>
      apiRequest<{ email: string }>(purpose === 'activation' ? '/api/auth/activate' : '/api/auth/reset-password', {
        method: 'POST',
        body: { token, password },
        quietUnauthorized: true,
      }),
    onSuccess: ({ email }) => navigate(signInPath({ reason: 'password-set', email }), { replace: true }),
    onError: (err) => {
      if (err instanceof ApiRequestError) form.setErrors(err.fields);
    },
  });
  // Said as the page opens, not after a password is typed twice; the check does not use the link up.
  const status = useQuery({
    queryKey: authKeys.linkStatus(purpose, token),
    queryFn: () => apiRequest<LinkStatus>('/api/auth/link-status', { method: 'POST', body: { token, purpose }, quietUnauthorized: true }),
    enabled: token !== '',
    staleTime: Infinity,
  });
  const error = save.error instanceof ApiRequestError && !save.error.fields.password ? save.error : null;
  const newLink = purpose === 'activation' ? paths.newActivationLink : paths.forgotPassword;

  return (
    <PublicCard title={title} subtitle="At least 10 characters, mixing letters with digits or symbols.">
      {!token ? (
        <Alert color="red" role="alert">
          This link is incomplete. Open the link from your email again.
        </Alert>
      ) : status.isPending ? (
        <Loader role="status" aria-label="Checking the link" mx="auto" />
      ) : status.data?.valid === false ? (
        <Alert color="red" role="alert" title="This link no longer works">
          It has expired or has already been used.{' '}
          <Anchor component={Link} to={newLink}>
            {purpose === 'activation' ? 'Get a new activation link' : 'Ask for a new link'}
          </Anchor>
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((v) => save.mutate(v.password))} noValidate>
          <Stack>
            {error && (
              <Alert color="red" role="alert">
                {error.message}{' '}
                <Anchor component={Link} to={newLink}>
                  Ask for a new link
                </Anchor>
              </Alert>
            )}
            <PasswordInput label="New password" autoComplete="new-password" required {...form.getInputProps('password')} />
            <PasswordInput label="Repeat the password" autoComplete="new-password" required {...form.getInputProps('confirm')} />
            <Button type="submit" loading={save.isPending} fullWidth>
              {purpose === 'activation' ? 'Activate and continue' : 'Save the new password'}
            </Button>
          </Stack>
        </form>
      )}
    </PublicCard>
  );
}

export const ActivatePage = () => <SetPasswordPage purpose="activation" />;
export const ResetPasswordPage = () => <SetPasswordPage purpose="reset" />;
