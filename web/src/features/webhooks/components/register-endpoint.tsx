import { Alert, Button, Checkbox, Code, CopyButton, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { WEBHOOK_EVENT_LABEL, WEBHOOK_EVENT_TYPES, WEBHOOK_HEADERS, WEBHOOK_REPLAY_WINDOW_SECONDS, type WebhookEndpointCreated, type WebhookEventType } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { useRegisterWebhook } from '../api/webhooks';

interface Form {
  url: string;
  description: string;
  events: WebhookEventType[];
  secret: string;
}
const EMPTY: Form = { url: 'https://', description: '', events: ['order.placed', 'order.accepted', 'order.canceled', 'order.executed'], secret: '' };

/** Register an endpoint: URL, what it is for, the events, and optionally one's own secret. Then the secret, once. */
export function RegisterEndpoint({ onClose }: { onClose: () => void }) {
  const [f, setF] = useState<Form>(EMPTY);
  const register = useRegisterWebhook();
  const [created, setCreated] = useState<WebhookEndpointCreated | null>(null);
  const fieldErrors = register.error instanceof ApiRequestError ? register.error.fields : {};
  const toggle = (type: WebhookEventType, on: boolean) => setF((x) => ({ ...x, events: on ? [...x.events, type] : x.events.filter((e) => e !== type) }));

  if (created) return <SecretOnce created={created} onClose={onClose} />;
  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700}>Add a webhook endpoint</Text>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          register.mutate({ url: f.url.trim(), description: f.description, events: f.events, ...(f.secret ? { secret: f.secret } : {}) }, { onSuccess: setCreated });
        }}
      >
        <Stack gap="md">
          {register.error && (
            <Alert color="red" role="alert" title="The endpoint was not added">
              {register.error.message}
            </Alert>
          )}
          <TextInput
            label="URL"
            description="HTTPS, on a public address: we POST each event here as JSON"
            required
            value={f.url}
            onChange={(e) => setF({ ...f, url: e.currentTarget.value })}
            error={fieldErrors.url}
          />
          <TextInput label="What it is for" placeholder="Billing, PSA, CRM…" value={f.description} onChange={(e) => setF({ ...f, description: e.currentTarget.value })} error={fieldErrors.description} />
          <Checkbox.Group label="Events" description="Of orders and customers in your part of the tree" value={f.events} error={fieldErrors.events}>
            <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="xs">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={WEBHOOK_EVENT_LABEL[type]} checked={f.events.includes(type)} onChange={(e) => toggle(type, e.currentTarget.checked)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <TextInput
            label="Signing secret (optional)"
            description="Leave empty and we generate one. At least 24 characters."
            value={f.secret}
            onChange={(e) => setF({ ...f, secret: e.currentTarget.value })}
            error={fieldErrors.secret}
            autoComplete="off"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={register.isPending} disabled={f.events.length === 0}>
              Add endpoint
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The secret, shown this once, with how receivers check a delivery. */
function SecretOnce({ created, onClose }: { created: WebhookEndpointCreated; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700}>Endpoint added</Text>}>
      <Stack gap="md">
        <Alert color="yellow" title="Copy the signing secret now">
          It is shown only this once. Your receiver needs it to check that each delivery comes from us.
        </Alert>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} aria-label="Signing secret">
            {created.secret}
          </Code>
          <CopyButton value={created.secret}>{({ copied, copy }) => <Button onClick={copy} variant="light">{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
        </Group>
        <Text size="sm">
          Each delivery carries <Code>{WEBHOOK_HEADERS.timestamp}</Code> and <Code>{WEBHOOK_HEADERS.signature}: v1=…</Code>, the HMAC-SHA256 of “timestamp.body” under this
          secret. Refuse a timestamp more than {WEBHOOK_REPLAY_WINDOW_SECONDS / 60} minutes from your clock, and drop a repeated <Code>{WEBHOOK_HEADERS.id}</Code>: a call may come more
          than once.
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
