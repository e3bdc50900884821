import { useQuery } from '@tanstack/react-query';
import type { DeliveryOptions } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { catalogueKeys } from './keys';

/** The addresses an order of the customer can ship to, the preferred one marked. */
export function useDeliveryOptions(customerId: string | null | undefined) {
  return useQuery({
    queryKey: catalogueKeys.deliveryOptions(customerId ?? ''),
    queryFn: ({ signal }) => apiRequest<DeliveryOptions>(`/api/customers/${encodeURIComponent(customerId!)}/delivery-addresses`, { signal }),
    enabled: Boolean(customerId),
  });
}
