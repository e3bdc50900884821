import type { Principal } from '@app/shared';
import { CartButton, CartProvider } from '@/features/storefront';
import { AppLayout } from './app-layout';

/** The storefront area: the signed-in user's cart around every page, its button in the header. */
export function StorefrontLayout({ principal }: { principal: Principal }) {
  return (
    <CartProvider userId={principal.userId}>
      <AppLayout principal={principal} headerActions={principal.abilities.placeOrders ? <CartButton /> : undefined} />
    </CartProvider>
  );
}
