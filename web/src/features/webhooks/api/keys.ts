import { QUERY_ROOTS } from '@/lib/query-keys';

/** The webhooks' query keys, from their root; an endpoint's delivery log sits under it. */
export const webhookKeys = {
  all: [QUERY_ROOTS.webhooks] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  deliveries: (endpointId: string) => [...webhookKeys.all, 'deliveries', endpointId] as const,
};

/** Where each webhook call of the API goes. */
export const webhookApi = {
  list: '/api/webhooks',
  action: (id: string, action: 'pause' | 'resume') => `/api/webhooks/${id}/${action}`,
  endpoint: (id: string) => `/api/webhooks/${id}`,
  deliveries: (id: string) => `/api/webhooks/${id}/deliveries`,
  /** A failed call is sent again as any failed message is (the delivery queue's route). */
  sendAgain: (deliveryId: string) => `/api/deliveries/${deliveryId}/send-again`,
};
