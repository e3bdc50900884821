import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { cartStorageKey, createCartStore, type Cart, type CartStore } from './cart-store';

interface CartContextValue {
  cart: Cart;
  store: CartStore;
}

const CartContext = createContext<CartContextValue | null>(null);

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The signed-in user's cart, shared by the header's cart button and the pages under it. */
export function CartProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const store = useMemo(() => createCartStore(browserStorage(), userId), [userId]);
  const cart = useSyncExternalStore(store.subscribe, store.getSnapshot);

  // Another tab of the same user changed the cart.
  useEffect(() => {
    const key = cartStorageKey(userId);
    const onStorage = (e: StorageEvent) => {
      if (e.key === key || e.key === null) store.reload();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [store, userId]);

  const value = useMemo(() => ({ cart, store }), [cart, store]);
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartContextValue {
  const value = useContext(CartContext);
  if (!value) throw new Error('useCart needs a CartProvider above it');
  return value;
}
