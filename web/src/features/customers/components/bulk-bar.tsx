import { Button, CloseButton, Group, Menu, Paper, Text } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import type { BulkChoice } from './bulk-action-dialog';
import { customersWord, selectionSize, type BulkSelection } from './bulk-selection';

const CHOICES: { choice: BulkChoice; label: string }[] = [
  { choice: 'activate', label: 'Make active' },
  { choice: 'deactivate', label: 'Make inactive' },
  { choice: 'approvalRule', label: 'Approval rule…' },
  { choice: 'priceLevels', label: 'Price level…' },
  { choice: 'sendActivation', label: 'Send activation' },
];

export interface BulkBarProps {
  selection: BulkSelection;
  /** How many customers the view matches (to offer "all matching"); null while unknown. */
  matching: number | null;
  onSelectAll: () => void;
  selectingAll: boolean;
  onClear: () => void;
  onChoose: (choice: BulkChoice) => void;
  /** Price levels can be set (the reseller has levels and categories). */
  canSetLevels: boolean;
}

/**
 * The bar of actions on the selected customers: it sticks to the bottom of the window while the
 * grid scrolls, so the selection and its actions stay in view. On a phone the actions fold into one menu.
 */
export function BulkBar({ selection, matching, onSelectAll, selectingAll, onClear, onChoose, canSetLevels }: BulkBarProps) {
  const size = selectionSize(selection);
  const choices = CHOICES.filter((c) => c.choice !== 'priceLevels' || canSetLevels);
  return (
    <Paper
      withBorder
      shadow="md"
      p="sm"
      radius="md"
      role="region"
      aria-label="Selected customers"
      data-testid="bulk-bar"
      style={{ position: 'sticky', bottom: 'var(--mantine-spacing-sm)', zIndex: 5, background: 'var(--mantine-color-body)' }}
    >
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Text fw={600} aria-live="polite">
            {selection.kind === 'all' ? `All ${customersWord(size)} matching this view` : `${customersWord(size)} selected`}
          </Text>
          {selection.kind === 'rows' && matching !== null && matching > size && (
            <Button variant="subtle" size="compact-sm" onClick={onSelectAll} loading={selectingAll}>
              Select all {matching.toLocaleString('en')} matching
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Group gap="xs" visibleFrom="md" wrap="nowrap">
            {choices.map((c) => (
              <Button key={c.choice} size="xs" variant={c.choice === 'deactivate' ? 'light' : 'default'} color={c.choice === 'deactivate' ? 'red' : undefined} onClick={() => onChoose(c.choice)}>
                {c.label}
              </Button>
            ))}
          </Group>
          <Menu position="top-end" withinPortal>
            <Menu.Target>
              <Button size="xs" hiddenFrom="md" rightSection={<IconChevronDown size={14} aria-hidden />}>
                Change selected
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {choices.map((c) => (
                <Menu.Item key={c.choice} color={c.choice === 'deactivate' ? 'red' : undefined} onClick={() => onChoose(c.choice)}>
                  {c.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <CloseButton aria-label="Clear the selection" onClick={onClear} />
        </Group>
      </Group>
    </Paper>
  );
}
