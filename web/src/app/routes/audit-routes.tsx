import { useMe } from '@/features/auth';
import { AuditLogPage } from '@/features/audit';
import { CustomerPicker } from '@/features/customers';
import { NotFoundPage } from './not-found-page';

// RequireArea has already checked the session and the area; the log itself needs its ability.
export function AuditLogRoute() {
  const principal = useMe().data?.principal;
  if (!principal) return null;
  if (!principal.abilities.viewAuditLog) return <NotFoundPage />;
  return (
    <AuditLogPage
      principal={principal}
      customerFilter={({ value, onChange }) => <CustomerPicker value={value} onChange={onChange} w={{ base: '100%', xs: 260 }} />}
    />
  );
}
