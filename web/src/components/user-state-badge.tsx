import { Badge } from '@mantine/core';
import type { UserState } from '@app/shared';

// Filled, in shades dark enough for white text at AA contrast.
const STATE_LABEL: Record<UserState, [string, string]> = { pending_activation: ['Pending activation', '#8f4700'], active: ['Active', 'teal.9'], deactivated: ['Deactivated', 'gray.7'] };

/** An account's state as a badge; never cut ("Pending activation" in full). */
export function UserStateBadge({ state }: { state: UserState }) {
  const [label, color] = STATE_LABEL[state];
  return (
    <Badge color={color} tt="none" style={{ overflow: 'visible', flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
      {label}
    </Badge>
  );
}
