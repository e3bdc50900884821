import { Alert, Anchor, Badge, Button, Container, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { MailMessage } from '@app/shared';
import { apiRequest, ApiRequestError } from '@/lib/api-client';
import { usePageTitle } from '@/lib/use-page-title';
import { QUERY_ROOTS } from '@/lib/query-keys';

/** Plain text with its URLs as links (the messages' own links lead back into this app). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <Anchor key={i} href={part} style={{ wordBreak: 'break-all' }}>
            {part}
          </Anchor>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </Text>
  );
}

/**
 * Development mailbox: what the app would have emailed, when no SMTP server is configured. Only
 * distributor and reseller staff see it, and only the mail sent inside their own subtree.
 */
export function DevMailPage() {
  usePageTitle('Development mailbox');
  const mail = useQuery({
    queryKey: [QUERY_ROOTS.devMail],
    queryFn: ({ signal }) => apiRequest<{ items: MailMessage[] }>('/api/dev/mail', { signal, quietUnauthorized: true }),
    refetchInterval: 5000,
  });
  const status = mail.error instanceof ApiRequestError ? mail.error.status : null;
  const off = status === 404;
  const signedOut = status === 401;
  const notStaff = status === 403;

  return (
    <Container component="main" size="md" py="xl">
      <Stack>
        <Group justify="space-between">
          <div>
            <Title order={1}>Development mailbox</Title>
            <Text c="dimmed">Messages the app sent to accounts in your part of the tree while no SMTP server is configured. Newest first.</Text>
          </div>
          <Button variant="light" onClick={() => mail.refetch()}>
            Refresh
          </Button>
        </Group>
        {off && (
          <Alert color="gray" role="status">
            The development mailbox is off: this server sends real email through SMTP.
          </Alert>
        )}
        {signedOut && (
          <Alert color="blue" role="status">
            Sign in as distributor or reseller staff to see the mail sent to your accounts.{' '}
            <Anchor component={Link} to="/sign-in?next=/dev/mail">
              Sign in
            </Anchor>
          </Alert>
        )}
        {notStaff && (
          <Alert color="gray" role="status">
            The development mailbox is for distributor and reseller staff.
          </Alert>
        )}
        {mail.isError && !off && !signedOut && !notStaff && (
          <Alert color="red" role="alert">
            {mail.error.message}
          </Alert>
        )}
        {mail.isPending && <Skeleton height={160} />}
        {mail.data?.items.length === 0 && <Text c="dimmed">No messages yet.</Text>}
        {mail.data?.items.map((m) => (
          <Paper key={m.id} withBorder p="md" radius="md" component="article" aria-label={m.subject}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Title order={2} size="h4">
                  {m.subject}
                </Title>
                <Badge color="gray.7" variant="outline">
                  {new Date(m.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' })}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                To: {m.to}
              </Text>
              <Linkified text={m.text} />
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Container>
  );
}
