import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, Principal } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { authKeys } from './keys';
import type { MeState } from './get-me';
import { forgetSessionEnded } from './session-ended';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => apiRequest<Principal>('/api/auth/login', { method: 'POST', body, quietUnauthorized: true }),
    onSuccess: (principal) => {
      forgetSessionEnded();
      queryClient.clear();
      queryClient.setQueryData<MeState>(authKeys.me(), { principal, ended: false, why: null });
    },
  });
}
