import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResellerStaffUser } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { resellerKeys } from './keys';

export function useResellerStaff(resellerId: string) {
  return useQuery({
    queryKey: resellerKeys.staff(resellerId),
    queryFn: ({ signal }) => apiRequest<{ items: ResellerStaffUser[] }>(`/api/resellers/${resellerId}/staff-users`, { signal }),
    select: (data) => data.items,
  });
}

/** A fresh activation link for a staff user still waiting (the previous link stops working). */
export function useResendStaffActivation(resellerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiRequest<{ user: ResellerStaffUser; emailSent: boolean }>(`/api/staff-users/${userId}/resend-activation`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: resellerKeys.staff(resellerId) }),
  });
}
