import { Center, Loader } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Principal, Role } from '@app/shared';
import { homePathFor, useMe } from '@/features/auth';
import { i18n, screenLanguage, useMessagesReady } from '@/lib/i18n';
import { paths, signInPath } from '@/lib/paths';
import { AppLayout } from '../layout/app-layout';
import { PageError } from './error-page';

/** Signed-in persona of the right role, or a redirect: to sign-in, or to the persona's own area. */
export function RequireArea({ role, layout: Layout = AppLayout }: { role: Role; layout?: React.ComponentType<{ principal: Principal }> }) {
  const me = useMe();
  const location = useLocation();
  // The screens speak the signed-in person's language (lib/i18n.ts) and switch the moment it changes
  // (a save on the profile page refreshes the principal); the area shows once it is on screen.
  const language = me.data?.principal ? screenLanguage(me.data.principal) : null;
  useEffect(() => {
    if (!language) return;
    void i18n.changeLanguage(language).then(() => {
      document.documentElement.lang = language;
    });
  }, [language]);
  const messagesReady = useMessagesReady();
  const loading = (
    <Center mih="100vh">
      <Loader role="status" aria-label="Loading" />
    </Center>
  );
  if (me.isPending) return loading;
  if (me.isError) return <PageError message={me.error.message} />;
  const { principal, ended } = me.data;
  if (!principal) {
    return <Navigate to={signInPath({ next: location.pathname + location.search, reason: ended ? 'expired' : undefined })} replace />;
  }
  if (principal.role !== role) return <Navigate to={homePathFor(principal.role)} replace />;
  if (!messagesReady) return loading;
  // A layout may load lazily (the storefront's).
  return (
    <Suspense fallback={loading}>
      <Layout principal={principal} />
    </Suspense>
  );
}

export function RootRedirect() {
  const me = useMe();
  if (me.isPending) return null;
  const principal = me.data?.principal;
  return <Navigate to={principal ? homePathFor(principal.role) : paths.signIn} replace />;
}
