import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { forgotPasswordSchema } from '@app/shared';
import { PublicCard } from '@/components/public-card';
import { apiRequest } from '@/lib/api-client';
import { usePageTitle } from '@/lib/use-page-title';
import { zodValidate } from '@/lib/zod-form';
import { paths } from '@/lib/paths';

/**
 * "Forgot password", and "send me a new activation link" (`?for=activation`): one form and one
 * request, since the server sends whichever link the account needs and answers the same for all.
 */
export function ForgotPasswordPage() {
  const [params] = useSearchParams();
  const forActivation = params.get('for') === 'activation';
  usePageTitle(forActivation ? 'New activation link' : 'Forgot password');
  const form = useForm({ initialValues: { email: '' }, validate: zodValidate(forgotPasswordSchema) });
  const ask = useMutation({
    mutationFn: (email: string) => apiRequest<void>('/api/auth/forgot-password', { method: 'POST', body: { email }, quietUnauthorized: true }),
  });
  return (
    <PublicCard
      title={forActivation ? 'Get a new activation link' : 'Forgot your password?'}
      subtitle={forActivation ? 'Enter the email your invitation went to; we will send a fresh link.' : 'We will email you a link to choose a new one.'}
    >
      {ask.isSuccess ? (
        <Alert color="green" role="status">
          If an account uses that email, a link is on its way: a new activation link (valid 72 hours) if the account is not activated yet, otherwise a
          password reset link (valid one hour). Each works once.
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((v) => ask.mutate(v.email))} noValidate>
          <Stack>
            {ask.isError && (
              <Alert color="red" role="alert">
                {ask.error.message}
              </Alert>
            )}
            <TextInput label="Email" type="email" autoComplete="username" required {...form.getInputProps('email')} />
            <Button type="submit" loading={ask.isPending} fullWidth>
              Send the link
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to={paths.signIn} size="sm" ta="center">
        Back to sign in
      </Anchor>
    </PublicCard>
  );
}
