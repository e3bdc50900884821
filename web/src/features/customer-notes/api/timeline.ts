import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CustomerNote, CustomerTimeline } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import { customerNoteKeys } from './keys';

const customerPath = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}`;
const notePath = (customerId: string, noteId: string) => `${customerPath(customerId)}/notes/${encodeURIComponent(noteId)}`;

/** The record's timeline, newest first, a page at a time (`nextBefore` for older ones). */
export function useCustomerTimeline(customerId: string, version: number, pageSize = 20) {
  return useInfiniteQuery({
    queryKey: customerNoteKeys.timeline(customerId, version),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<CustomerTimeline>(`${customerPath(customerId)}/timeline${toQueryString({ limit: pageSize, before: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** After a note changes, every timeline is asked again (the note's place and abilities come from the server). */
function useNoteMutation<V, R>(request: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => queryClient.invalidateQueries({ queryKey: customerNoteKeys.timelines() }) });
}

export const useAddNote = (customerId: string) =>
  useNoteMutation((text: string) => apiRequest<CustomerNote>(`${customerPath(customerId)}/notes`, { method: 'POST', body: { text } }));

export const useEditNote = (customerId: string) =>
  useNoteMutation(({ id, text, revision }: { id: string; text: string; revision: number }) =>
    apiRequest<CustomerNote>(notePath(customerId, id), { method: 'PUT', body: { text, revision } }),
  );

export const useDeleteNote = (customerId: string) =>
  useNoteMutation((id: string) => apiRequest<void>(notePath(customerId, id), { method: 'DELETE' }));
