import { Stack, Text, Title } from '@mantine/core';
import type { Principal } from '@app/shared';
import { usePageTitle } from '@/lib/use-page-title';
import { BalanceFacts, InvoicesPanel } from './invoices-panel';

/** Invoices: staff see every customer's in their scope; a storefront's admins and accounts users their company's, with its balance. */
export function InvoicesPage({ principal }: { principal: Principal }) {
  usePageTitle('Invoices');
  const company = principal.role === 'storefront' ? principal.customerId : null;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Invoices</Title>
        <Text c="dimmed">{company ? 'Your company’s invoices and credit notes, and what is still open.' : 'Invoices and credit notes of your customers.'}</Text>
      </Stack>
      {company && <BalanceFacts customerId={company} />}
      <InvoicesPanel dateFormat={principal.preferences.dateFormat} customerId={company ?? undefined} />
    </Stack>
  );
}
