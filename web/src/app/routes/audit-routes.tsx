import { useMe } from '@/features/auth';
import { AuditLogPage } from '@/features/audit';
import { CustomerPicker } from '@/features/customers';
import { useResellerOptions } from '@/features/resellers';
import { NotFoundPage } from './not-found-page';

// RequireArea has already checked the session and the area; the log itself needs its ability.
export function AuditLogRoute() {
  const principal = useMe().data?.principal;
  const resellers = useResellerOptions(Boolean(principal?.abilities.listResellers));
  if (!principal) return null;
  if (!principal.abilities.viewAuditLog) return <NotFoundPage />;
  return (
    <AuditLogPage
      principal={principal}
      resellers={principal.abilities.listResellers ? (resellers.data ?? []) : undefined}
      customerFilter={({ value, onChange }) => <CustomerPicker value={value} onChange={onChange} w={{ base: '100%', xs: 220 }} />}
    />
  );
}
