import { Alert, Button, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { ResellerStaffUser } from '@app/shared';
import { UserStateBadge } from '@/components/user-state-badge';
import { formatDate } from '@/lib/format';
import { useResellerStaff, useResendStaffActivation } from '../api/staff-users';

/** The reseller's staff accounts, for its distributor: who they are, whether they got in, and a new link for one who did not. */
export function StaffUsersSection({ resellerId, dateFormat }: { resellerId: string; dateFormat: string }) {
  const staff = useResellerStaff(resellerId);
  const resend = useResendStaffActivation(resellerId);
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const send = (u: ResellerStaffUser) =>
    resend.mutate(u.id, {
      onSuccess: ({ emailSent }) =>
        notifications.show(
          emailSent
            ? { color: 'green', message: `A new activation link was emailed to ${u.firstName} ${u.lastName}; the previous one no longer works.` }
            : { color: 'yellow', message: `The mail server did not take the email to ${u.firstName} ${u.lastName} yet; it is tried again automatically for 24 hours.` },
        ),
      onError: (err) => notifications.show({ color: 'red', message: err.message }),
    });
  const lastSignIn = (u: ResellerStaffUser) => (u.lastSignInAt ? formatDate(u.lastSignInAt, dateFormat, true) : 'Never');
  const action = (u: ResellerStaffUser) =>
    u.abilities.resendActivation && (
      <Button size="xs" variant="light" loading={resend.isPending && resend.variables === u.id} onClick={() => send(u)} aria-label={`Send ${u.firstName} ${u.lastName} (${u.email}) a new activation link`}>
        Send a new activation link
      </Button>
    );

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="staff-title">
      <Title order={2} size="h3" id="staff-title" mb="sm">
        Staff users
      </Title>
      {staff.isPending && <Loader size="sm" role="status" aria-label="Loading the staff users" />}
      {staff.isError && (
        <Alert color="red" role="alert">
          {staff.error.message}
        </Alert>
      )}
      {staff.data && staff.data.length === 0 && <Text c="dimmed">No staff users.</Text>}
      {staff.data && staff.data.length > 0 && (
        <Table verticalSpacing="sm" aria-label="Staff users">
          {!phone && (
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
          )}
          <Table.Tbody>
            {staff.data.map((u) => (
              <Table.Tr key={u.id}>
                {phone ? (
                  <Table.Td>
                    <Stack gap={4}>
                      <Text fw={600}>
                        {u.firstName} {u.lastName}{' '}
                        <UserStateBadge state={u.state} />
                      </Text>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {u.email}
                      </Text>
                      <Text size="xs" c="dimmed">
                        Last sign-in {lastSignIn(u)}
                      </Text>
                      {action(u)}
                    </Stack>
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td fw={600}>
                      {u.firstName} {u.lastName}
                    </Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>
                      <UserStateBadge state={u.state} />
                    </Table.Td>
                    <Table.Td>{lastSignIn(u)}</Table.Td>
                    <Table.Td>{action(u)}</Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
