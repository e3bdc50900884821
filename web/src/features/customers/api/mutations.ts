import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApprovalRule, CreateCustomer, CustomerDetail, SetCreditTerms, SetWatchNote, SsoLink, UpdateCustomer } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { customerKeys } from './keys';

/** After any change: the record gets the server's answer, lists and statistics are refetched. */
function useCustomerMutation<V>(request: (vars: V) => Promise<CustomerDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(customer.id), customer);
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: customerKeys.allStats() });
    },
  });
}

export const useCreateCustomer = () =>
  useCustomerMutation((body: CreateCustomer) => apiRequest<CustomerDetail>('/api/customers', { method: 'POST', body }));

export const useUpdateCustomer = (id: string) =>
  useCustomerMutation((body: UpdateCustomer) => apiRequest<CustomerDetail>(`/api/customers/${id}`, { method: 'PUT', body }));

export const useSetOrderApproval = (id: string) =>
  useCustomerMutation((required: boolean) =>
    apiRequest<CustomerDetail>(`/api/customers/${id}/order-approval`, { method: 'PUT', body: { required } }),
  );

export const useSetApprovalRule = (id: string) =>
  useCustomerMutation((body: ApprovalRule) => apiRequest<CustomerDetail>(`/api/customers/${id}/approval-rule`, { method: 'PUT', body }));

export const useSetCustomerActive = (id: string) =>
  useCustomerMutation((body: { active: boolean; revision: number }) =>
    apiRequest<CustomerDetail>(`/api/customers/${id}/active`, { method: 'PUT', body }),
  );

export function useSsoLink(id: string) {
  return useMutation({
    mutationFn: (target: 'services' | 'subscriptions' | 'assets') =>
      apiRequest<SsoLink>(`/api/customers/${id}/sso-links`, { method: 'POST', body: { target } }),
  });
}

export const useSetWatchNote = (id: string) =>
  useCustomerMutation((body: SetWatchNote) => apiRequest<CustomerDetail>(`/api/customers/${id}/watch-note`, { method: 'PUT', body }));

export const useSetCreditTerms = (id: string) =>
  useCustomerMutation((body: SetCreditTerms) => apiRequest<CustomerDetail>(`/api/customers/${id}/credit-terms`, { method: 'PUT', body }));
