import { Box, Checkbox, Fieldset, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { countryName, type CustomerFields as Fields, type PostalAddress } from '@app/shared';
import { COUNTRY_OPTIONS } from '@/lib/countries';

export const EMPTY_CUSTOMER: Fields = {
  companyName: '', tradingName: '', email: '', phone: '', address: '', city: '', country: '', countryCode: undefined, state: '', postcode: '', taxId: '',
  billingAddress: null, deliveryAddress: null,
};

type TextField = 'companyName' | 'tradingName' | 'email' | 'phone' | 'taxId' | 'address' | 'city' | 'state' | 'postcode';
const FIELDS: { name: TextField; label: string; type?: string; autoComplete: string; span?: number; optional?: boolean }[] = [
  { name: 'companyName', label: 'Company name', autoComplete: 'organization' },
  { name: 'tradingName', label: 'Trading name', autoComplete: 'off', optional: true },
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
  { name: 'phone', label: 'Phone', type: 'tel', autoComplete: 'tel' },
  { name: 'taxId', label: 'VAT / tax id', autoComplete: 'off', optional: true },
  { name: 'address', label: 'Address', autoComplete: 'street-address', span: 2 },
  { name: 'city', label: 'City', autoComplete: 'address-level2' },
  { name: 'state', label: 'State/province', autoComplete: 'address-level1' },
  { name: 'postcode', label: 'Postcode', autoComplete: 'postal-code' },
];
const OTHER_ADDRESSES = [
  { name: 'billingAddress', legend: 'Billing address', hint: 'Invoices go here.' },
  { name: 'deliveryAddress', legend: 'Delivery address', hint: 'Orders ship here unless chosen otherwise at checkout.' },
] as const;

const addressLines = (a: PostalAddress) => [a.address, [a.postcode, a.city].filter(Boolean).join(' '), a.state, countryName(a.countryCode)].filter(Boolean).join(', ');

/** The customer information fields, used by the New customer dialog and the record page. */
export function CustomerFields<T extends Fields>({ form: typed, readOnly = false }: { form: UseFormReturnType<T>; readOnly?: boolean }) {
  const form = typed as unknown as UseFormReturnType<Fields>;
  const values = form.getValues();
  // Someone who may not edit sees the values as text, not as inputs that look editable.
  if (readOnly) {
    const shown = [
      ...FIELDS.map((f) => ({ key: f.name, label: f.label, value: String(values[f.name] ?? '') || '—', span: f.span })),
      { key: 'country', label: 'Country', value: values.country, span: undefined },
      ...OTHER_ADDRESSES.map((a) => ({ key: a.name, label: a.legend, value: values[a.name] ? addressLines(values[a.name]!) : 'Same as the main address', span: 2 })),
    ];
    return (
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md" m={0}>
        {shown.map((f) => (
          <Box key={f.key} style={f.span === 2 ? { gridColumn: '1 / -1' } : undefined}>
            <Text component="dt" size="sm" fw={600} c="dimmed">
              {f.label}
            </Text>
            <Text component="dd" m={0}>
              {f.value}
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
          required={!f.optional}
          style={f.span === 2 ? { gridColumn: '1 / -1' } : undefined}
          {...form.getInputProps(f.name)}
        />
      ))}
      <Select
        label="Country"
        required
        searchable
        data={COUNTRY_OPTIONS}
        placeholder={values.countryCode ? undefined : values.country || 'Choose a country'}
        nothingFoundMessage="No such country"
        autoComplete="country"
        {...form.getInputProps('countryCode')}
        error={form.errors.countryCode ?? form.errors.country}
        onChange={(code) => {
          form.setFieldValue('countryCode', code ?? undefined);
          form.setFieldValue('country', code ? countryName(code) : '');
        }}
      />
      {OTHER_ADDRESSES.map((a) => (
        <OtherAddress key={a.name} form={form} name={a.name} legend={a.legend} hint={a.hint} />
      ))}
    </SimpleGrid>
  );
}

/** A billing or delivery address: "same as the main address" until unticked. */
function OtherAddress({ form, name, legend, hint }: { form: UseFormReturnType<Fields>; name: 'billingAddress' | 'deliveryAddress'; legend: string; hint: string }) {
  const value = form.getValues()[name];
  return (
    <Fieldset legend={legend} style={{ gridColumn: '1 / -1' }} variant="filled">
      <Checkbox
        label="Same as the main address"
        description={hint}
        checked={!value}
        onChange={(e) =>
          form.setFieldValue(name, e.currentTarget.checked ? null : { address: '', city: '', state: '', postcode: '', countryCode: form.getValues().countryCode ?? '' })
        }
      />
      {value && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" mt="sm">
          <TextInput label="Address" required style={{ gridColumn: '1 / -1' }} {...form.getInputProps(`${name}.address`)} />
          <TextInput label="City" required {...form.getInputProps(`${name}.city`)} />
          <TextInput label="State/province" {...form.getInputProps(`${name}.state`)} />
          <TextInput label="Postcode" required {...form.getInputProps(`${name}.postcode`)} />
          <Select label="Country" required searchable data={COUNTRY_OPTIONS} nothingFoundMessage="No such country" {...form.getInputProps(`${name}.countryCode`)} />
        </SimpleGrid>
      )}
    </Fieldset>
  );
}
