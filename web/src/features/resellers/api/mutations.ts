import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateReseller, CreateResellerResult, PaymentMethod, ResellerDetail, UpdateReseller } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';
import { resellerKeys } from './keys';

/**
 * After any change: the detail gets the server's answer; the resellers' lists and options, the
 * home counts and the customers' statistics (the approval notice follows the payment method) are
 * refetched.
 */
function useResellerMutation<V>(request: (vars: V) => Promise<ResellerDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (reseller) => {
      queryClient.setQueryData(resellerKeys.detail(reseller.id), reseller);
      void queryClient.invalidateQueries({ queryKey: resellerKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: resellerKeys.options() });
      void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.overview] });
      void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.customers] });
    },
  });
}

export const useUpdateReseller = (id: string) =>
  useResellerMutation((body: UpdateReseller) => apiRequest<ResellerDetail>(`/api/resellers/${id}`, { method: 'PUT', body }));

export const useSetPaymentMethod = (id: string) =>
  useResellerMutation((body: { paymentMethod: PaymentMethod; revision: number }) =>
    apiRequest<ResellerDetail>(`/api/resellers/${id}/payment-method`, { method: 'PUT', body }),
  );

export const useSetResellerStanding = (id: string) =>
  useResellerMutation((change: 'suspend' | 'reinstate') => apiRequest<ResellerDetail>(`/api/resellers/${id}/${change}`, { method: 'POST' }));

export function useCreateReseller() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReseller) => apiRequest<CreateResellerResult>('/api/resellers', { method: 'POST', body }),
    onSuccess: (result) => {
      queryClient.setQueryData(resellerKeys.detail(result.reseller.id), result.reseller);
      void queryClient.invalidateQueries({ queryKey: resellerKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: resellerKeys.options() });
      void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.overview] });
    },
  });
}
