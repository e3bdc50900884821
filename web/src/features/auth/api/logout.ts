import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { MeState } from './get-me';
import { authKeys } from './keys';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/auth/logout', { method: 'POST', quietUnauthorized: true }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData<MeState>(authKeys.me(), { principal: null, ended: false, why: null });
    },
  });
}
