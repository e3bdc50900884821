import { NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ResellerFields as Fields } from '@app/shared';

export const EMPTY_RESELLER: Fields = { name: '', contactName: '', contactEmail: '', phone: '', city: '', country: '', markupPercent: 15 };

const TEXT_FIELDS: { name: Exclude<keyof Fields, 'markupPercent'>; label: string; type?: string; autoComplete: string; required?: boolean; span?: number }[] = [
  { name: 'name', label: 'Reseller name', autoComplete: 'organization', required: true, span: 2 },
  { name: 'contactName', label: 'Contact person', autoComplete: 'off' },
  { name: 'contactEmail', label: 'Contact email', type: 'email', autoComplete: 'off', required: true },
  { name: 'phone', label: 'Phone', type: 'tel', autoComplete: 'off' },
  { name: 'city', label: 'City', autoComplete: 'off' },
  { name: 'country', label: 'Country', autoComplete: 'off' },
];

/** The reseller's details and default markup, used by the New reseller dialog and the detail page. */
export function ResellerFields<T extends Fields>({ form }: { form: UseFormReturnType<T> }) {
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
      <NumberInput
        label="Default markup"
        description="Added to the distributor's cost in the customers' prices"
        suffix=" %"
        min={0}
        max={1000}
        decimalScale={2}
        required
        {...form.getInputProps('markupPercent')}
      />
    </SimpleGrid>
  );
}
