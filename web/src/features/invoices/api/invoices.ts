import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateCreditNote, CustomerBalance, Invoice, InvoiceList, InvoiceView, Payment, RecordPayment } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';

/** What an invoices list shows: its filters (the page keeps them in the URL). */
export type InvoiceFilters = Partial<InvoiceView>;

/** One key factory for invoices; a customer's record is refreshed through QUERY_ROOTS.customers. */
export const invoiceKeys = {
  all: [QUERY_ROOTS.invoices] as const,
  pages: (view: InvoiceFilters) => [...invoiceKeys.all, 'pages', view] as const,
  balance: (customerId: string) => [...invoiceKeys.all, 'balance', customerId] as const,
  creditSettings: (resellerId: string) => [...invoiceKeys.all, 'credit-settings', resellerId] as const,
};

const INVOICES = '/api/invoices';
const PAGE = 25;

/** An invoice's or credit note's PDF: a plain link, the browser downloads it with the session's cookie. */
export const invoicePdfUrl = (id: string) => `${INVOICES}/${id}/pdf`;

/** The invoices of a view, newest first, a page at a time by the server's keyset cursor. */
export const useInvoicePages = (view: InvoiceFilters) =>
  useInfiniteQuery({
    queryKey: invoiceKeys.pages(view),
    queryFn: ({ pageParam, signal }) => apiRequest<InvoiceList>(`${INVOICES}${toQueryString({ ...view, limit: PAGE, cursor: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Invoices.xlsx of a view: every document of it. */
export const invoiceExportUrl = (view: InvoiceFilters) => `${INVOICES}/export.xlsx${toQueryString(view)}`;

/** A customer's statement of account over a range of days (both included). */
export const statementUrl = (customerId: string, range: { from: string; to: string }) => `/api/customers/${customerId}/statement.xlsx${toQueryString(range)}`;

export const useCustomerBalance = (customerId: string | null) =>
  useQuery({
    queryKey: invoiceKeys.balance(customerId ?? ''),
    queryFn: () => apiRequest<CustomerBalance>(`/api/customers/${customerId}/balance`),
    enabled: Boolean(customerId),
  });

function useInvoiceMutation<V, R>(request: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
      void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.customers] });
    },
  });
}

export const useCreateCreditNote = (invoiceId: string) =>
  useInvoiceMutation((body: CreateCreditNote) => apiRequest<Invoice>(`/api/invoices/${invoiceId}/credit-notes`, { method: 'POST', body }));

export const useRecordPayment = () => useInvoiceMutation((body: RecordPayment) => apiRequest<Payment>('/api/payments', { method: 'POST', body }));
