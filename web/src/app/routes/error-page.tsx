import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from '@/lib/i18n';
import { useRouteError } from 'react-router';

export function PageError({ message }: { message?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Center component="main" mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={480}>
        <Title order={1} size="h2">
          {t('errors.somethingWentWrong')}
        </Title>
        <Text c="dimmed" ta="center">
          {message ?? t('errors.pageNotShown')} {t('errors.reloadHelps')}
        </Text>
        <Button onClick={() => window.location.reload()}>{t('actions.reload')}</Button>
      </Stack>
    </Center>
  );
}

/** The router's error boundary: a render error anywhere below shows this instead of a blank page. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  console.error(error);
  return <PageError />;
}
