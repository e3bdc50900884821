import type { Role } from '@app/shared';

const HOMES: Record<Role, string> = { distributor: '/distributor', reseller: '/reseller', storefront: '/storefront' };

export const homePathFor = (role: Role): string => HOMES[role];
