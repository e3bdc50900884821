import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Principal } from '@app/shared';
import { useTranslation } from '@/lib/i18n';
import { usePageTitle } from '@/lib/use-page-title';
import type { InvoiceFilters } from '../api/invoices';
import { BalanceFacts, InvoicesPanel } from './invoices-panel';
import { StatementDownload } from './statement-download';

export interface InvoicesPageProps {
  principal: Principal;
  /** The filters, kept in the page's URL by the route. */
  view: InvoiceFilters;
  onViewChange: (change: Partial<InvoiceFilters>) => void;
  customerFilter?: ((p: { value: string | null; onChange: (id: string | null) => void }) => ReactNode) | undefined;
}

/**
 * Invoices: staff see every customer's in their scope; a storefront's admins and accounts users
 * their company's, with its balance and statement, in their own language (staff read English: lib/i18n.ts).
 */
export function InvoicesPage({ principal, view, onViewChange, customerFilter }: InvoicesPageProps) {
  const { t } = useTranslation('invoices');
  usePageTitle(t('page.title'));
  const company = principal.role === 'storefront' ? principal.customerId : null;
  const dateFormat = principal.preferences.dateFormat;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('page.title')}</Title>
        <Text c="dimmed">{company ? t('page.introCompany') : t('page.introStaff')}</Text>
      </Stack>
      {company && <BalanceFacts customerId={company} />}
      {company && principal.abilities.exportInvoices && <StatementDownload customerId={company} dateFormat={dateFormat} />}
      <InvoicesPanel
        dateFormat={dateFormat}
        customerId={company ?? undefined}
        view={view}
        onViewChange={onViewChange}
        customerFilter={company ? undefined : customerFilter}
        canExport={principal.abilities.exportInvoices}
      />
    </Stack>
  );
}
