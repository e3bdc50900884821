import { Alert, Badge, Button, Group, List, Modal, NumberInput, ScrollArea, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CustomerBulkAction, CustomerBulkResult, CustomerBulkRow } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { countMatching, useCustomerBulk } from '../api/bulk';
import { customersWord, selectionSize, toRequestSelection, type BulkSelection } from './bulk-selection';

/** What the bulk bar offers; each opens this dialog to confirm it. */
export type BulkChoice = 'activate' | 'deactivate' | 'approvalRule' | 'priceLevels' | 'sendActivation';

const TITLES: Record<BulkChoice, string> = {
  activate: 'Make active',
  deactivate: 'Make inactive',
  approvalRule: 'Set the order approval rule',
  priceLevels: 'Set a price level',
  sendActivation: 'Send activation emails',
};

const WHEN = [
  { value: 'always', label: 'Every order' },
  { value: 'above', label: 'Orders above an amount' },
  { value: 'never', label: 'No approval' },
];

/** Rows shown per outcome; the rest are counted (the answer holds them all). */
const SHOWN = 100;

export interface BulkActionDialogProps {
  choice: BulkChoice | null;
  selection: BulkSelection;
  onClose: () => void;
  /** The filter matched another count when the action was sent: the new count, to confirm again. */
  onRecount: (count: number) => void;
  /** Done: the grid reads its rows again and the selection is cleared. */
  onDone: () => void;
  levels: { value: string; label: string }[];
  categories: string[];
  currency: string;
}

/** Confirms a bulk action with its count, sends it, and shows each customer's outcome. */
export function BulkActionDialog({ choice, selection, onClose, onRecount, onDone, levels, categories, currency }: BulkActionDialogProps) {
  const bulk = useCustomerBulk();
  const [mode, setMode] = useState<string | null>('always');
  const [amount, setAmount] = useState<number | ''>(1000);
  const [category, setCategory] = useState<string | null>(null);
  const [levelId, setLevelId] = useState<string | null>(null);
  const [moved, setMoved] = useState<{ from: number; to: number } | null>(null);
  const [result, setResult] = useState<CustomerBulkResult | null>(null);
  const size = selectionSize(selection);

  const close = () => {
    if (result) onDone();
    setResult(null);
    setMoved(null);
    bulk.reset();
    onClose();
  };

  const action = ((): CustomerBulkAction | null => {
    switch (choice) {
      case 'activate':
      case 'deactivate':
        return { type: 'setActive', active: choice === 'activate' };
      case 'approvalRule':
        if (mode === 'above') return typeof amount === 'number' && amount > 0 ? { type: 'approvalRule', rule: { mode: 'above', aboveAmount: amount } } : null;
        return mode === 'always' || mode === 'never' ? { type: 'approvalRule', rule: { mode, aboveAmount: null } } : null;
      case 'priceLevels':
        return category && levelId ? { type: 'priceLevels', assignments: [{ category, levelId }] } : null;
      case 'sendActivation':
        return { type: 'sendActivation' };
      default:
        return null;
    }
  })();

  const submit = () => {
    if (!action) return;
    setMoved(null);
    bulk.mutate(
      { selection: toRequestSelection(selection), action },
      {
        onSuccess: setResult,
        onError: async (err) => {
          // The filter matches another set than the one confirmed: show the new count, ask again.
          if (err instanceof ApiRequestError && err.status === 409 && selection.kind === 'all') {
            const { count } = await countMatching(selection.filter);
            setMoved({ from: size, to: count });
            bulk.reset();
            onRecount(count);
          }
        },
      },
    );
  };

  return (
    <Modal opened={choice !== null} onClose={close} title={choice ? TITLES[choice] : ''} size="lg">
      {result ? (
        <BulkResult result={result} onClose={close} sending={choice === 'sendActivation'} />
      ) : (
        <Stack>
          <Text>
            {choice === 'sendActivation' ? 'Each user waiting for activation of ' : 'This applies to '}
            <strong>{selection.kind === 'all' ? `all ${customersWord(size)} matching the current view` : customersWord(size)}</strong>
            {choice === 'sendActivation' ? ' gets a fresh link (earlier links stop working).' : ', each checked as on its own record.'}
          </Text>
          {moved && (
            <Alert color="yellow" role="alert" title="The customers matching the view changed">
              It matched {customersWord(moved.from)} when you chose; it now matches {customersWord(moved.to)}. Nothing was changed. Confirm again to apply it to these {customersWord(moved.to)}.
            </Alert>
          )}
          {choice === 'approvalRule' && (
            <Group align="flex-end" grow>
              <Select label="Orders that need approval" data={WHEN} value={mode} onChange={setMode} allowDeselect={false} />
              {mode === 'above' && <NumberInput label={`From (${currency})`} min={0.01} decimalScale={2} thousandSeparator="," value={amount} onChange={(v) => setAmount(v === '' ? '' : Number(v))} />}
            </Group>
          )}
          {choice === 'priceLevels' && (
            <Group align="flex-end" grow>
              <Select label="Category" placeholder="Choose a category" data={categories} value={category} onChange={setCategory} searchable />
              <Select label="Price level" placeholder="Choose a level" data={levels} value={levelId} onChange={setLevelId} />
            </Group>
          )}
          {bulk.error && !moved && (
            <Alert color="red" role="alert">
              {bulk.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button onClick={submit} loading={bulk.isPending} disabled={!action || size === 0} color={choice === 'deactivate' ? 'red' : undefined}>
              {choice ? `${TITLES[choice]}: ${customersWord(size)}` : ''}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Each customer's outcome: refused first (with why), then changed, then those already so. */
function BulkResult({ result, onClose, sending }: { result: CustomerBulkResult; onClose: () => void; sending: boolean }) {
  const groups: { key: string; title: string; color: string; rows: CustomerBulkRow[] }[] = [
    { key: 'refused', title: 'Refused', color: 'red', rows: result.refused },
    { key: 'changed', title: sending ? 'Sent' : 'Changed', color: 'green', rows: result.changed },
    { key: 'unchanged', title: sending ? 'Nothing to send' : 'Already so (unchanged)', color: 'gray', rows: result.unchanged },
  ];
  const shown = groups.filter((g) => g.rows.length > 0);
  return (
    <Stack data-testid="bulk-result">
      <Group gap="xs" role="status">
        {shown.map((g) => (
          <Badge key={g.key} color={g.color} variant="light" size="lg" tt="none">
            {g.title}: {g.rows.length.toLocaleString('en')}
          </Badge>
        ))}
        {result.notFound > 0 && (
          <Badge color="gray" variant="outline" size="lg" tt="none">
            Not found: {result.notFound.toLocaleString('en')}
          </Badge>
        )}
      </Group>
      <ScrollArea.Autosize mah="50vh" type="auto">
        <Stack gap="md">
          {shown.map((g) => (
              <div key={g.key}>
                <Title order={3} size="h5" mb={4}>
                  {g.title}
                </Title>
                <List size="sm" spacing={2}>
                  {g.rows.slice(0, SHOWN).map((r) => (
                    <List.Item key={r.id}>
                      <Text span size="sm" fw={500}>
                        {r.companyName}
                      </Text>
                      {r.detail && (
                        <Text span size="sm" c={g.key === 'refused' ? 'red.8' : 'dimmed'}>
                          {' — '}
                          {r.detail}
                        </Text>
                      )}
                    </List.Item>
                  ))}
                </List>
                {g.rows.length > SHOWN && (
                  <Text size="sm" c="dimmed" mt={4}>
                    and {(g.rows.length - SHOWN).toLocaleString('en')} more
                  </Text>
                )}
              </div>
            ))}
        </Stack>
      </ScrollArea.Autosize>
      <Group justify="flex-end">
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
