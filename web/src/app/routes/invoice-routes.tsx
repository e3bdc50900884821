import { useSearchParams } from 'react-router';
import { invoiceViewSchema } from '@app/shared';
import { useMe } from '@/features/auth';
import { CustomerPicker } from '@/features/customers';
import { InvoicesPage, type InvoiceFilters } from '@/features/invoices';

const FIELDS = ['customerId', 'status', 'overdueDays', 'from', 'to'] as const;

/** The invoices view kept in the URL: a link or back/forward shows the same list; a bad value is left out. */
function viewOf(params: URLSearchParams): InvoiceFilters {
  const view: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const raw = params.get(f);
    if (raw === null || raw === '') continue;
    const parsed = invoiceViewSchema.shape[f].safeParse(raw);
    if (parsed.success) view[f] = parsed.data;
  }
  return view as InvoiceFilters;
}

export function InvoicesRoute() {
  const principal = useMe().data?.principal;
  const [params, setParams] = useSearchParams();
  if (!principal) return null;
  const onViewChange = (change: Partial<InvoiceFilters>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(change)) {
          if (v === undefined || v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );
  return (
    <InvoicesPage
      principal={principal}
      view={viewOf(params)}
      onViewChange={onViewChange}
      customerFilter={principal.abilities.listCustomers ? ({ value, onChange }) => <CustomerPicker value={value} onChange={onChange} w={{ base: '100%', xs: 230 }} /> : undefined}
    />
  );
}
