import { useQuery } from '@tanstack/react-query';
import type { CustomerDetail } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { customerKeys } from './keys';

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<CustomerDetail>(`/api/customers/${encodeURIComponent(id)}`, { signal }),
    // No id, no record (a picker with nothing chosen): never ask for `/api/customers/`, the list.
    enabled: id !== '',
  });
}
