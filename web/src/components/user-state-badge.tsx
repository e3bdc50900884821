import { Badge } from '@mantine/core';
import { useTranslation } from '@/lib/i18n';
import type { UserState } from '@app/shared';

// Filled, in shades dark enough for white text at AA contrast.
const STATE_COLOR: Record<UserState, string> = { pending_activation: '#8f4700', active: 'teal.9', deactivated: 'gray.7' };

/** An account's state as a badge; never cut ("Pending activation" in full). */
export function UserStateBadge({ state }: { state: UserState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} tt="none" style={{ overflow: 'visible', flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
      {t(`userState.${state}`)}
    </Badge>
  );
}
