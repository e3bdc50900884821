import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerImport, CustomerImportList, CustomerImportRows, ImportOutcome } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';

const IMPORTS = '/api/customer-imports';
export const IMPORT_TEMPLATE_URL = `${IMPORTS}/template.xlsx`;

export const importKeys = {
  all: [QUERY_ROOTS.customerImports] as const,
  list: () => [...importKeys.all, 'list'] as const,
  one: (id: string) => [...importKeys.all, 'one', id] as const,
  rows: (id: string, outcome: string) => [...importKeys.all, 'rows', id, outcome] as const,
};

export const useImports = () => useQuery({ queryKey: importKeys.list(), queryFn: ({ signal }) => apiRequest<CustomerImportList>(IMPORTS, { signal }) });
export const useImport = (id: string) => useQuery({ queryKey: importKeys.one(id), queryFn: ({ signal }) => apiRequest<CustomerImport>(`${IMPORTS}/${id}`, { signal }) });

/** The report's rows, page by page (by row number), of one outcome or all. */
export const useImportRows = (id: string, outcome: ImportOutcome | '') =>
  useInfiniteQuery({
    queryKey: importKeys.rows(id, outcome),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) => apiRequest<CustomerImportRows>(`${IMPORTS}/${id}/rows${toQueryString({ outcome: outcome || undefined, after: String(pageParam), limit: '200' })}`, { signal }),
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });

/** Uploads the file itself (the server streams it to disk) and answers the dry run. */
export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, sendActivation }: { file: File; sendActivation: boolean }) =>
      apiRequest<CustomerImport>(`${IMPORTS}${toQueryString({ fileName: file.name, sendActivation: String(sendActivation) })}`, { method: 'POST', file }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: importKeys.list() }),
  });
}

export function useApplyImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<CustomerImport>(`${IMPORTS}/${id}/apply`, { method: 'POST' }),
    onSuccess: (done) => {
      queryClient.setQueryData(importKeys.one(id), done);
      void queryClient.invalidateQueries({ queryKey: importKeys.all });
      // The customers grid and statistics hold the new customers now.
      void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.customers] });
    },
  });
}
