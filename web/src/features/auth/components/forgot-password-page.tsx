import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { forgotPasswordSchema } from '@app/shared';
import { PublicCard } from '@/components/public-card';
import { apiRequest } from '@/lib/api-client';
import { usePageTitle } from '@/lib/use-page-title';
import { zodValidate } from '@/lib/zod-form';
import { paths } from '@/lib/paths';

export function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const form = useForm({ initialValues: { email: '' }, validate: zodValidate(forgotPasswordSchema) });
  const ask = useMutation({
    mutationFn: (email: string) => apiRequest<void>('/api/auth/forgot-password', { method: 'POST', body: { email }, quietUnauthorized: true }),
  });
  return (
    <PublicCard title="Forgot your password?" subtitle="We will email you a link to choose a new one.">
      {ask.isSuccess ? (
        <Alert color="green" role="status">
          If an account uses that email, a reset link is on its way. It works once, for one hour.
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
