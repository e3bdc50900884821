import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { WEBHOOK_EVENT_LABEL, type Principal, type WebhookEndpoint } from '@app/shared';
import { formatAge, formatDate } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useDeleteWebhook, useWebhooks, useWebhookState } from '../api/webhooks';
import { DeliveryLog } from './delivery-log';
import { RegisterEndpoint } from './register-endpoint';

/**
 * Settings · Webhooks: the endpoints other systems (billing, PSA, CRM) registered to be told of
 * orders and customers, each with its state, its events and its delivery log. What may be done
 * comes from the abilities the BFF presents.
 */
export function WebhooksPage({ principal }: { principal: Principal }) {
  usePageTitle('Webhooks');
  const list = useWebhooks();
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>Webhooks</Title>
          <Text c="dimmed" maw={720}>
            Your other systems are told of orders and customers as they happen: each event is POSTed to an endpoint as signed JSON, retried for 24 hours until it is taken.
          </Text>
        </div>
        {principal.abilities.manageWebhooks && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            Add endpoint
          </Button>
        )}
      </Group>
      {list.isPending && <Loader role="status" aria-label="Loading the webhook endpoints" />}
      {list.isError && <Alert color="red">{list.error.message}</Alert>}
      {list.data?.items.length === 0 && (
        <Card withBorder radius="md" padding="lg">
          <Text c="dimmed">No endpoints yet. Add one to have your billing, PSA or CRM told of new orders and customers.</Text>
        </Card>
      )}
      {list.data?.items.map((e) => <EndpointCard key={e.id} endpoint={e} dateFormat={principal.preferences.dateFormat} />)}
      {adding && <RegisterEndpoint onClose={() => setAdding(false)} />}
    </Stack>
  );
}

// Dark shades: readable white text (axe checks contrast).
function EndpointStateBadge({ endpoint: e }: { endpoint: WebhookEndpoint }) {
  const [label, color] = e.state === 'paused' ? ['Paused', 'gray.7'] : e.failingSince ? [`Failing for ${formatAge(e.failingSince)}`, '#8f4700'] : ['Active', 'teal.9'];
  return (
    <Badge color={color} radius="sm" tt="none">
      {label}
    </Badge>
  );
}

function EndpointCard({ endpoint: e, dateFormat }: { endpoint: WebhookEndpoint; dateFormat: string }) {
  const [open, setOpen] = useState(false);
  const state = useWebhookState();
  const remove = useDeleteWebhook();
  const change = (action: 'pause' | 'resume') =>
    state.mutate(
      { id: e.id, action },
      {
        onSuccess: () => notifications.show({ color: 'green', message: action === 'pause' ? 'Endpoint paused: it gets no new events.' : 'Endpoint resumed.' }),
        onError: (err) => notifications.show({ color: 'red', title: 'Not changed', message: err.message }),
      },
    );
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: 'Delete this endpoint?',
      children: <Text size="sm">{e.url} gets no more events, and deliveries still waiting for it fail. This cannot be undone.</Text>,
      labels: { confirm: 'Delete endpoint', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(e.id, {
          onSuccess: () => notifications.show({ color: 'green', message: 'Endpoint deleted.' }),
          onError: (err) => notifications.show({ color: 'red', title: 'Not deleted', message: err.message }),
        }),
    });

  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-label={e.url}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Group gap="xs" wrap="wrap">
            <EndpointStateBadge endpoint={e} />
            {e.resellerName && (
              <Badge variant="outline" radius="sm" tt="none">
                Reseller: {e.resellerName}
              </Badge>
            )}
            {e.description && <Text fw={600}>{e.description}</Text>}
          </Group>
          <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
            {e.url}
          </Text>
          {e.state === 'paused' && e.pausedAt && (
            <Text size="sm" c="dimmed">
              {e.pausedReason ?? 'Paused'} · since {formatDate(e.pausedAt, dateFormat, true)}
            </Text>
          )}
          <Group gap={6} mt={4} wrap="wrap">
            {e.events.map((type) => (
              <Badge key={type} variant="light" size="sm" tt="none">
                {WEBHOOK_EVENT_LABEL[type]}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {open ? 'Hide delivery log' : 'Delivery log'}
          </Button>
          {e.abilities.pause && (
            <Button size="xs" variant="light" color="gray" loading={state.isPending} onClick={() => change('pause')}>
              Pause
            </Button>
          )}
          {e.abilities.resume && (
            <Button size="xs" variant="light" loading={state.isPending} onClick={() => change('resume')}>
              Resume
            </Button>
          )}
          {e.abilities.delete && (
            <Button size="xs" variant="subtle" color="red" onClick={confirmDelete}>
              Delete
            </Button>
          )}
        </Group>
      </Group>
      {open && (
        <Stack mt="md">
          <DeliveryLog endpointId={e.id} dateFormat={dateFormat} />
        </Stack>
      )}
    </Card>
  );
}
