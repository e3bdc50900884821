import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateCreditNote, CustomerBalance, Invoice, InvoiceList, InvoiceListQuery, Payment, RecordPayment } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';

export type InvoiceView = Partial<Pick<InvoiceListQuery, 'customerId' | 'kind' | 'status' | 'from' | 'to'>> & { offset?: number; limit?: number };

/** One key factory for invoices; a customer's record is refreshed through QUERY_ROOTS.customers. */
export const invoiceKeys = {
  all: [QUERY_ROOTS.invoices] as const,
  list: (view: InvoiceView) => [...invoiceKeys.all, 'list', view] as const,
  balance: (customerId: string) => [...invoiceKeys.all, 'balance', customerId] as const,
};

const queryString = (view: InvoiceView) => new URLSearchParams(Object.entries(view).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();

export const useInvoices = (view: InvoiceView) =>
  useQuery({ queryKey: invoiceKeys.list(view), queryFn: () => apiRequest<InvoiceList>(`/api/invoices?${queryString(view)}`), placeholderData: keepPreviousData });

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
