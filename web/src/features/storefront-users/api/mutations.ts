import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateStorefrontUser, SetCompanyRole, StorefrontUserActionResult } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';
import { storefrontUserKeys } from './keys';

export type UserAction = 'resend-activation' | 'reset-password' | 'deactivate' | 'activate';

/** Storefront access of the customer may change too, so customer data is refetched as well. */
function useRefresh(customerId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: storefrontUserKeys.ofCustomer(customerId) });
    void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.customers] });
  };
}

export function useAddStorefrontUser(customerId: string) {
  const refresh = useRefresh(customerId);
  return useMutation({
    mutationFn: (body: CreateStorefrontUser) =>
      apiRequest<StorefrontUserActionResult>(`/api/customers/${customerId}/storefront-users`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useStorefrontUserAction(customerId: string) {
  const refresh = useRefresh(customerId);
  return useMutation({
    mutationFn: ({ userId, action }: { userId: string; action: UserAction }) =>
      apiRequest<StorefrontUserActionResult>(`/api/storefront-users/${userId}/${action}`, { method: 'POST' }),
    onSettled: refresh,
  });
}

export function useSetCompanyRole(customerId: string) {
  const refresh = useRefresh(customerId);
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: SetCompanyRole }) =>
      apiRequest<StorefrontUserActionResult>(`/api/storefront-users/${userId}/company-role`, { method: 'PUT', body }),
    onSuccess: refresh,
  });
}
