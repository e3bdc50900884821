import { QUERY_ROOTS } from '@/lib/query-keys';

/** One key factory for the notes and timeline of customer records. */
export const customerNoteKeys = {
  all: [QUERY_ROOTS.customerNotes] as const,
  timelines: () => [...customerNoteKeys.all, 'timeline'] as const,
  /** `version`: the record's revision, so a change of the record (an audit event) refetches its timeline. */
  timeline: (customerId: string, version: number) => [...customerNoteKeys.timelines(), customerId, version] as const,
};
