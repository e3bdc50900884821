import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from '@/lib/i18n';

/** A list that could not be loaded: what failed, why, and a way to try again. */
export function LoadErrorAlert({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={title}>
      <Group justify="space-between">
        <Text size="sm">{message}</Text>
        <Button size="xs" variant="light" onClick={onRetry}>
          {t('actions.tryAgain')}
        </Button>
      </Group>
    </Alert>
  );
}
