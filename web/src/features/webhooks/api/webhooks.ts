import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeliveryRow, WebhookDeliveryList, WebhookEndpoint, WebhookEndpointCreated, WebhookEndpointInput, WebhookEndpointList } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { webhookApi, webhookKeys } from './keys';

export const useWebhooks = () =>
  useQuery({ queryKey: webhookKeys.list(), queryFn: ({ signal }) => apiRequest<WebhookEndpointList>(webhookApi.list, { signal }) });

/** An endpoint's delivery log; polled while open, so a retry's outcome shows without a reload. */
export const useWebhookDeliveries = (endpointId: string) =>
  useQuery({
    queryKey: webhookKeys.deliveries(endpointId),
    queryFn: ({ signal }) => apiRequest<WebhookDeliveryList>(webhookApi.deliveries(endpointId), { signal }),
    refetchInterval: 15_000,
  });

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: webhookKeys.all });
}

export function useRegisterWebhook() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: WebhookEndpointInput) => apiRequest<WebhookEndpointCreated>(webhookApi.list, { method: 'POST', body }), onSuccess: refresh });
}

export function useWebhookState() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'pause' | 'resume' }) => apiRequest<WebhookEndpoint>(webhookApi.action(id, action), { method: 'POST', body: {} }),
    onSettled: refresh,
  });
}

export function useDeleteWebhook() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => apiRequest<void>(webhookApi.endpoint(id), { method: 'DELETE' }), onSuccess: refresh });
}

export function useSendAgain() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (deliveryId: string) => apiRequest<DeliveryRow>(webhookApi.sendAgain(deliveryId), { method: 'POST', body: {} }), onSettled: refresh });
}
