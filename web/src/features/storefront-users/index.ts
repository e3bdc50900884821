export { StorefrontUsersSection } from './components/storefront-users-section';
export { AddStorefrontUserDialog } from './components/add-storefront-user-dialog';
export { useStorefrontUsers } from './api/get-storefront-users';
