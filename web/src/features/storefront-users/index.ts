export { StorefrontUsersSection } from './components/storefront-users-section';
export { AddStorefrontUserDialog } from './components/add-storefront-user-dialog';
