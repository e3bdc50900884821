import { NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ResellerFields as Fields } from '@app/shared';
import { COUNTRY_NAME_OPTIONS } from '@/lib/countries';

export const EMPTY_RESELLER: Fields = { name: '', contactName: '', contactEmail: '', phone: '', city: '', country: '', markupPercent: 15 };

const TEXT_FIELDS: { name: Exclude<keyof Fields, 'markupPercent' | 'country'>; label: string; type?: string; autoComplete: string; required?: boolean; span?: number }[] = [
  { name: 'name', label: 'Reseller name', autoComplete: 'organization', required: true, span: 2 },
  { name: 'contactName', label: 'Contact person', autoComplete: 'off' },
  { name: 'contactEmail', label: 'Contact email', type: 'email', autoComplete: 'off', required: true },
  { name: 'phone', label: 'Phone', type: 'tel', autoComplete: 'off' },
  { name: 'city', label: 'City', autoComplete: 'off' },
];

/**
 * The reseller's details, used by the New reseller dialog and the detail page. The markup is asked
 * only when the reseller is created: it starts the reseller's Default price level, and from then on
 * the reseller prices its customers in its own price levels, so changing it here would change nothing.
 */
export function ResellerFields<T extends Fields>({ form, startingMarkup = false }: { form: UseFormReturnType<T>; startingMarkup?: boolean }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      {TEXT_FIELDS.map((f) => (
        <TextInput
          key={f.name}
          label={f.label}
          type={f.type}
          autoComplete={f.autoComplete}
          required={f.required}
          style={f.span === 2 ? { gridColumn: '1 / -1' } : undefined}
          {...form.getInputProps(f.name)}
        />
      ))}
      <Select
        label="Country"
        placeholder="Choose a country"
        searchable
        clearable
        data={COUNTRY_NAME_OPTIONS}
        nothingFoundMessage="No such country"
        {...form.getInputProps('country')}
        // A Select clears to null; the record keeps no country as ''.
        onChange={(v) => form.setFieldValue('country' as never, (v ?? '') as never)}
      />
      {startingMarkup && (
        <NumberInput
          label="Starting markup"
          description="The markup on your cost of the reseller's Default price level; the reseller then sets its own price levels"
          suffix=" %"
          min={0}
          max={1000}
          decimalScale={2}
          required
          {...form.getInputProps('markupPercent')}
        />
      )}
    </SimpleGrid>
  );
}
