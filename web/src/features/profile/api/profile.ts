import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePassword, PasswordChanged, Profile, ProfileFields } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';

const PROFILE_PATH = '/api/profile';
export const profileKeys = { mine: () => [QUERY_ROOTS.profile, 'mine'] as const };

export function useProfile() {
  return useQuery({ queryKey: profileKeys.mine(), queryFn: ({ signal }) => apiRequest<Profile>(PROFILE_PATH, { signal }) });
}

/** Saves one's name and preferences; the session's principal (name in the header, date format everywhere) follows. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fields: ProfileFields) => apiRequest<Profile>(PROFILE_PATH, { method: 'PUT', body: fields }),
    onSuccess: (profile) => {
      queryClient.setQueryData(profileKeys.mine(), profile);
      // The session's principal is the auth feature's: refreshed by its root.
      return queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.auth] });
    },
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (input: ChangePassword) => apiRequest<PasswordChanged>(`${PROFILE_PATH}/password`, { method: 'POST', body: input }) });
}
