import { useMutation } from '@tanstack/react-query';
import type { ViewAsEnded } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { paths } from '@/lib/paths';

/*
 * Beginning or ending a look changes who this browser is: the page is loaded afresh at its
 * destination (no cached answer of the other identity survives, in any tab that reloads).
 */

export function useStartViewAs(customerId: string) {
  return useMutation({
    mutationFn: (userId: string | null) =>
      apiRequest<void>(`/api/customers/${customerId}/view-as`, { method: 'POST', body: userId ? { userId } : {} }),
    onSuccess: () => window.location.assign(paths.area('storefront')),
  });
}

/** Back to the admin, at the record of the customer looked at. */
export function useEndViewAs() {
  return useMutation({
    mutationFn: () => apiRequest<ViewAsEnded>('/api/view-as/end', { method: 'POST' }),
    onSuccess: ({ customerId, staffRole }) => window.location.assign(paths.customer(staffRole, customerId)),
    // Ended meanwhile (another tab, the look lapsed): the staff member is themselves already.
    onError: () => window.location.assign(paths.root),
  });
}
