import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreditSettings, UpdateCreditSettings } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { invoiceKeys } from './invoices';

const creditSettingsPath = (resellerId: string) => `/api/resellers/${resellerId}/credit-settings`;

/** A reseller's credit setting (its staff: their own; the distributor: any of its), with what the caller may do. */
export const useCreditSettings = (resellerId: string) =>
  useQuery({ queryKey: invoiceKeys.creditSettings(resellerId), queryFn: ({ signal }) => apiRequest<CreditSettings>(creditSettingsPath(resellerId), { signal }) });

export function useUpdateCreditSettings(resellerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCreditSettings) => apiRequest<CreditSettings>(creditSettingsPath(resellerId), { method: 'PUT', body }),
    onSuccess: (s) => queryClient.setQueryData(invoiceKeys.creditSettings(resellerId), s),
  });
}
