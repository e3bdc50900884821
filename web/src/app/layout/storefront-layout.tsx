import type { Principal } from '@app/shared';
// The two parts the layout needs, not the feature's index (which carries the catalogue page too).
import { CartProvider } from '@/features/storefront/cart/cart-context';
import { CartButton } from '@/features/storefront/components/cart-button';
import { BrandHeader } from '@/features/branding/components/brand-header';
import { AppLayout } from './app-layout';

/** The storefront area: the signed-in user's cart around every page, its button in the header. */
export function StorefrontLayout({ principal }: { principal: Principal }) {
  return (
    <CartProvider userId={principal.userId}>
      <AppLayout principal={principal} brand={<BrandHeader resellerName={principal.resellerName} />} headerActions={principal.abilities.placeOrders ? <CartButton customerId={principal.customerId} /> : undefined} />
    </CartProvider>
  );
}
