import type { ImportOutcome } from '@app/shared';

/** How each outcome reads and shows, before (the dry run) and after applying. */
export const OUTCOME: Record<ImportOutcome, { label: string; done: string; color: string }> = {
  create: { label: 'To create', done: 'Created', color: 'green' },
  update: { label: 'To update', done: 'Updated', color: 'blue' },
  unchanged: { label: 'Unchanged', done: 'Unchanged', color: 'gray' },
  refused: { label: 'Refused', done: 'Refused', color: 'red' },
};
export const OUTCOMES = Object.keys(OUTCOME) as ImportOutcome[];
