import { useInfiniteQuery } from '@tanstack/react-query';
import type { OrderList, OrderPlacedBy, OrderStatus } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import { FIRST_PAGE_OF_VIEW, type PageRequest } from '@/lib/keyset-datasource';
import { orderKeys } from './keys';

/** Newest first: what an orders grid shows before anyone sorts (here, not in the grid's module, so naming it loads no AG Grid). */
export const DEFAULT_ORDER_SORT = '-orderedAt';

export interface OrderFilters {
  search?: string | undefined;
  status?: OrderStatus | undefined;
  customerId?: string | undefined;
  resellerId?: string | undefined;
  olderThanDays?: number | undefined;
  placedBy?: OrderPlacedBy | undefined;
  /** Instants: from (inclusive) and to (exclusive). */
  from?: string | undefined;
  to?: string | undefined;
}

/** One page of orders (the grids' datasource asks block by block). */
export function getOrderPage(req: OrderFilters & PageRequest, signal?: AbortSignal): Promise<OrderList> {
  return apiRequest<OrderList>(`/api/orders${toQueryString({ ...req })}`, { signal });
}

/** Orders as a list that grows page by page (the approvals queue's cards). */
export function useOrderPages(filters: OrderFilters, sort: string, pageSize = 25) {
  return useInfiniteQuery({
    queryKey: orderKeys.list({ ...filters, sort, pageSize }),
    queryFn: ({ pageParam, signal }) => getOrderPage({ ...filters, sort, limit: pageSize, ...(pageParam ? { cursor: pageParam } : FIRST_PAGE_OF_VIEW) }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
