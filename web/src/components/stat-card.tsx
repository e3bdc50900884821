import { Anchor, Paper, Text } from '@mantine/core';
import { Link } from 'react-router';

export interface StatCardProps {
  label: string;
  value: string;
  hint?: string | undefined;
  /** Where the figure's list lives, shown as a link under it. */
  link?: { to: string; label: string } | undefined;
}

export function StatCard({ label, value, hint, link }: StatCardProps) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.3}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
      {link && (
        <Anchor component={Link} to={link.to} size="sm" mt={4} display="inline-block">
          {link.label}
        </Anchor>
      )}
    </Paper>
  );
}
