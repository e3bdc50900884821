import { Box, SimpleGrid, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { CustomerFields as Fields } from '@app/shared';

export const EMPTY_CUSTOMER: Fields = { companyName: '', email: '', phone: '', address: '', city: '', country: '', state: '', postcode: '' };

const FIELDS: { name: keyof Fields; label: string; type?: string; autoComplete: string; span?: number }[] = [
  { name: 'companyName', label: 'Company name', autoComplete: 'organization', span: 2 },
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
  { name: 'phone', label: 'Phone', type: 'tel', autoComplete: 'tel' },
  { name: 'address', label: 'Address', autoComplete: 'street-address', span: 2 },
  { name: 'city', label: 'City', autoComplete: 'address-level2' },
  { name: 'state', label: 'State/province', autoComplete: 'address-level1' },
  { name: 'postcode', label: 'Postcode', autoComplete: 'postal-code' },
  { name: 'country', label: 'Country', autoComplete: 'country-name' },
];

/** The customer information fields, used by the New customer dialog and the record page. */
export function CustomerFields<T extends Fields>({ form, readOnly = false }: { form: UseFormReturnType<T>; readOnly?: boolean }) {
  // Someone who may not edit sees the values as text, not as inputs that look editable.
  if (readOnly) {
    return (
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md" m={0}>
        {FIELDS.map((f) => (
          <Box key={f.name} style={f.span === 2 ? { gridColumn: '1 / -1' } : undefined}>
            <Text component="dt" size="sm" fw={600} c="dimmed">
              {f.label}
            </Text>
            <Text component="dd" m={0}>
              {String(form.getValues()[f.name])}
            </Text>
          </Box>
        ))}
      </SimpleGrid>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      {FIELDS.map((f) => (
        <TextInput
          key={f.name}
          label={f.label}
          type={f.type}
          autoComplete={f.autoComplete}
          required
          readOnly={readOnly}
          style={f.span === 2 ? { gridColumn: '1 / -1' } : undefined}
          {...form.getInputProps(f.name)}
        />
      ))}
    </SimpleGrid>
  );
}
