import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { loginRequestSchema, type LoginRequest, type Principal } from '@app/shared';
import { PublicCard } from '@/components/public-card';
import { ApiRequestError } from '@/lib/api-client';
import { usePageTitle } from '@/lib/use-page-title';
import { zodValidate } from '@/lib/zod-form';
import { useMe } from '../api/get-me';
import { useLogin } from '../api/login';
import { sessionEndedWhy } from '../api/session-ended';
import { homePathFor } from '../home-path';
import { paths } from '@/lib/paths';

export function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const form = useForm<LoginRequest>({ initialValues: { email: params.get('email') ?? '', password: '' }, validate: zodValidate(loginRequestSchema) });

  // Where to go once signed in: the page that sent the person here (a path of this app only), else home.
  const destination = (role: Principal['role']) => safeNext(params.get('next')) ?? homePathFor(role);
  // Signed in already (or just now, once the session query has the principal): the same destination
  // as the sign-in's own navigation, so neither can undo the other.
  if (me.data?.principal && !login.isPending) return <Navigate to={destination(me.data.principal.role)} replace />;

  const expired = params.get('reason') === 'expired' || me.data?.ended;
  const signedOut = params.get('reason') === 'signed-out';
  const notice = params.get('reason') === 'password-set' ? 'Your password is set. Sign in with it now.' : null;
  const error = login.error instanceof ApiRequestError ? login.error : null;

  const submit = form.onSubmit((values) =>
    login.mutate(values, {
      onSuccess: (principal) => navigate(destination(principal.role), { replace: true }),
      onError: (err) => {
        // A refused password is typed again from scratch.
        form.setFieldValue('password', '');
        if (err instanceof ApiRequestError && err.fields) form.setErrors(err.fields);
      },
    }),
  );

  return (
    <PublicCard title="Sign in" subtitle="Distributor, reseller and storefront accounts all sign in here.">
      <form onSubmit={submit} noValidate>
        <Stack>
          {expired && !error && (
            <Alert color="yellow" icon={<IconInfoCircle aria-hidden />} role="status">
              {me.data?.why ?? sessionEndedWhy() ?? 'Your session has ended. Please sign in again.'}
            </Alert>
          )}
          {signedOut && !expired && !error && (
            <Alert color="blue" icon={<IconInfoCircle aria-hidden />} role="status">
              You are signed out.
            </Alert>
          )}
          {notice && !expired && !error && (
            <Alert color="green" icon={<IconInfoCircle aria-hidden />} role="status">
              {notice}
            </Alert>
          )}
          {error && (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
              {error.message}
            </Alert>
          )}
          <TextInput label="Email" type="email" autoComplete="username" required {...form.getInputProps('email')} />
          <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
          <Button type="submit" loading={login.isPending} fullWidth>
            Sign in
          </Button>
          <Anchor component={Link} to={paths.forgotPassword} size="sm" ta="center">
            Forgot your password?
          </Anchor>
        </Stack>
      </form>
    </PublicCard>
  );
}

/** A `next` that stays inside this app: a path, never another origin (`//host`, `https:`). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
