/** The customer grid's columns a person may hide (the name and the actions always show). */
export const OPTIONAL_CUSTOMER_COLUMNS = [
  { id: 'reseller', label: 'Reseller' },
  { id: 'phone', label: 'Phone' },
  { id: 'city', label: 'City' },
  { id: 'email', label: 'Email' },
  { id: 'monthlyRunRate', label: 'Monthly run rate' },
  { id: 'storefrontAccess', label: 'Storefront' },
  { id: 'balance', label: 'Balance' },
  { id: 'overdue', label: 'Overdue' },
] as const;
