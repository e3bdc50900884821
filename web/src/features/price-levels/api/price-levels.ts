import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerPriceLevels, CustomerPriceLevelsView, PriceLevel, PriceLevelFields, PriceLevelList, UpdatePriceLevel } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';
import { priceLevelKeys } from './keys';

export const usePriceLevels = (enabled = true, resellerId = '') =>
  useQuery({
    enabled,
    queryKey: priceLevelKeys.list(resellerId),
    queryFn: ({ signal }) => apiRequest<PriceLevelList>(`/api/price-levels${toQueryString({ resellerId: resellerId || undefined })}`, { signal }),
  });

/** After a change to levels or assignments: the levels, customers' levels, their grid and their catalogue prices are read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: priceLevelKeys.all });
    void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.customers] });
    void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.catalogue] });
  };
}

export function useSavePriceLevel() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: (PriceLevelFields | UpdatePriceLevel) & { id?: string }) =>
      apiRequest<PriceLevel>(id ? `/api/price-levels/${id}` : '/api/price-levels', { method: id ? 'PUT' : 'POST', body }),
    onSuccess: refresh,
  });
}

export function useDeletePriceLevel() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => apiRequest<void>(`/api/price-levels/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}

export const useCustomerPriceLevels = (customerId: string) =>
  useQuery({
    queryKey: priceLevelKeys.ofCustomer(customerId),
    queryFn: ({ signal }) => apiRequest<CustomerPriceLevelsView>(`/api/customers/${customerId}/price-levels`, { signal }),
  });

export function useSetCustomerPriceLevels(customerId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CustomerPriceLevels) => apiRequest<CustomerPriceLevelsView>(`/api/customers/${customerId}/price-levels`, { method: 'PUT', body }),
    onSuccess: refresh,
  });
}
