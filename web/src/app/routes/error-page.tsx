import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router';

export function PageError({ message }: { message?: string | undefined }) {
  return (
    <Center component="main" mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={480}>
        <Title order={1} size="h2">
          Something went wrong
        </Title>
        <Text c="dimmed" ta="center">
          {message ?? 'The page could not be shown.'} Reloading usually helps; if it does not, try again in a minute.
        </Text>
        <Button onClick={() => window.location.reload()}>Reload</Button>
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
