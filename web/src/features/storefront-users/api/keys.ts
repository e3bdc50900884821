export const storefrontUserKeys = {
  all: ['storefront-users'] as const,
  list: (customerId: string, search: string) => [...storefrontUserKeys.all, customerId, search] as const,
  ofCustomer: (customerId: string) => [...storefrontUserKeys.all, customerId] as const,
};
