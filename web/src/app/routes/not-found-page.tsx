import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '@/lib/use-page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Center component="main" mih="60vh" p="md">
      <Stack align="center" gap="sm">
        <Title order={1}>Page not found</Title>
        <Text c="dimmed">There is nothing at this address. It may have moved, or the link may be mistyped.</Text>
        <Button component={Link} to="/">
          Go to your home page
        </Button>
      </Stack>
    </Center>
  );
}
