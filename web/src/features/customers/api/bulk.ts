import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CustomerBulkCount, CustomerBulkFilter, CustomerBulkRequest, CustomerBulkResult } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { customerKeys } from './keys';

const BULK = '/api/customers/bulk';

/** How many customers the filter matches now: the count the person confirms before acting on "all matching". */
export const countMatching = (filter: CustomerBulkFilter) => apiRequest<CustomerBulkCount>(`${BULK}/count`, { method: 'POST', body: { filter } });

/** One bulk action; afterwards the grid, the statistics and any open record are read again. */
export function useCustomerBulk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerBulkRequest) => apiRequest<CustomerBulkResult>(BULK, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}
