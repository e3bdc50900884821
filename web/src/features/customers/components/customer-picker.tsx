import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getCustomerPage } from '../api/get-customers';
import { customerKeys } from '../api/keys';
import { useCustomer } from '../api/get-customer';

export interface CustomerPickerProps {
  value: string | null;
  onChange: (id: string | null) => void;
  label?: string;
  w?: number | string | Record<string, number | string>;
}

/**
 * Picks one of the caller's customers by typing part of its name: the server searches (the same
 * search as the customers grid), so it works with thousands of customers. The chosen one is named
 * from its record, so a picker opened from a link shows the name too.
 */
export function CustomerPicker({ value, onChange, label = 'Customer', w }: CustomerPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: [...customerKeys.lists(), 'picker', debounced],
    queryFn: ({ signal }) => getCustomerPage({ search: debounced || undefined, sort: 'companyName', limit: 20 }, signal),
  });
  const chosen = useCustomer(value ?? '');
  const options = (found.data?.items ?? []).map((c) => ({ value: c.id, label: c.companyName }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: chosen.data?.companyName ?? 'Loading…' });
  return (
    <Select
      label={label}
      placeholder="Any customer"
      searchable
      clearable
      w={w}
      data={options}
      value={value}
      onChange={onChange}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No customer found'}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
