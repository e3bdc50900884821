import { z } from 'zod';
import { objectIdSchema, type CatalogueItem } from '@app/shared';

/** The bounds the server enforces on an order (`placeOrderSchema`); the cart keeps within them. */
export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 10_000;
export const MAX_LINES = 50;

/**
 * One line of the cart: the product and how many, plus what the cart shows of it until the
 * catalogue has loaded (or when the product has left it). Prices shown at review come from the
 * current catalogue; the server prices the order itself.
 */
const cartLineSchema = z.object({
  productId: objectIdSchema,
  quantity: z.number().int().min(MIN_QUANTITY).max(MAX_QUANTITY),
  name: z.string().max(300),
  sku: z.string().max(100),
  billing: z.enum(['one_time', 'monthly']),
  unitPrice: z.number().nonnegative(),
});
export type CartLine = z.infer<typeof cartLineSchema>;

export interface Cart {
  readonly lines: readonly CartLine[];
}

export const EMPTY_CART: Cart = { lines: [] };

/** What an add did, so the page can say so. */
export type AddOutcome =
  | { kind: 'added'; quantity: number }
  | { kind: 'merged'; quantity: number }
  /** The line reached the maximum; `quantity` is what it holds now. */
  | { kind: 'capped'; quantity: number }
  /** No room for another product. */
  | { kind: 'full' }
  /** Not a quantity of at least 1; nothing changed. */
  | { kind: 'invalid' };

const clamp = (n: number) => Math.min(MAX_QUANTITY, Math.max(MIN_QUANTITY, Math.trunc(n)));

export function addToCart(cart: Cart, item: Pick<CatalogueItem, 'id' | 'name' | 'sku' | 'billing' | 'unitPrice'>, quantity: number): { cart: Cart; outcome: AddOutcome } {
  if (!Number.isFinite(quantity) || quantity < MIN_QUANTITY) return { cart, outcome: { kind: 'invalid' } };
  const snapshot = { name: item.name, sku: item.sku, billing: item.billing, unitPrice: item.unitPrice };
  const existing = cart.lines.find((l) => l.productId === item.id);
  if (existing) {
    const wanted = existing.quantity + Math.trunc(quantity);
    const next = clamp(wanted);
    const lines = cart.lines.map((l) => (l.productId === item.id ? { ...l, ...snapshot, quantity: next } : l));
    return { cart: { lines }, outcome: wanted > MAX_QUANTITY ? { kind: 'capped', quantity: next } : { kind: 'merged', quantity: next } };
  }
  if (cart.lines.length >= MAX_LINES) return { cart, outcome: { kind: 'full' } };
  const next = clamp(quantity);
  return {
    cart: { lines: [...cart.lines, { productId: item.id, quantity: next, ...snapshot }] },
    outcome: quantity > MAX_QUANTITY ? { kind: 'capped', quantity: next } : { kind: 'added', quantity: next },
  };
}

export function setLineQuantity(cart: Cart, productId: string, quantity: number): Cart {
  if (!Number.isFinite(quantity)) return cart;
  const next = clamp(quantity);
  if (!cart.lines.some((l) => l.productId === productId && l.quantity !== next)) return cart;
  return { lines: cart.lines.map((l) => (l.productId === productId ? { ...l, quantity: next } : l)) };
}

export function removeLine(cart: Cart, productId: string): Cart {
  return cart.lines.some((l) => l.productId === productId) ? { lines: cart.lines.filter((l) => l.productId !== productId) } : cart;
}

export const cartCount = (cart: Cart) => cart.lines.reduce((n, l) => n + l.quantity, 0);

/** The storage key of one signed-in user's cart; another user on the same browser has their own. */
export const cartStorageKey = (userId: string) => `storefront-admin:cart:v1:${userId}`;

/**
 * Reads a stored cart back. Storage is outside our control (an older version, another tab, a
 * hand edit): anything that does not parse is dropped line by line, duplicates are merged and the
 * limits applied again, so the cart is always one the server would take.
 */
export function parseStoredCart(raw: string | null): Cart {
  if (!raw) return EMPTY_CART;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return EMPTY_CART;
  }
  const envelope = z.object({ lines: z.array(z.unknown()) }).safeParse(data);
  if (!envelope.success) return EMPTY_CART;
  let cart: Cart = EMPTY_CART;
  for (const entry of envelope.data.lines) {
    const line = cartLineSchema.safeParse(entry);
    if (!line.success) continue;
    const { productId, quantity, ...rest } = line.data;
    cart = addToCart(cart, { id: productId, ...rest }, quantity).cart;
  }
  return cart;
}

export const serialiseCart = (cart: Cart) => JSON.stringify({ lines: cart.lines });

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface CartStore {
  getSnapshot: () => Cart;
  subscribe: (listener: () => void) => () => void;
  add: (item: Parameters<typeof addToCart>[1], quantity: number) => AddOutcome;
  setQuantity: (productId: string, quantity: number) => void;
  remove: (productId: string) => void;
  clear: () => void;
  /** Reads storage again (another tab changed it). */
  reload: () => void;
}

/**
 * One user's cart, kept in storage under their id and read back through `parseStoredCart`.
 * A store for `useSyncExternalStore`: the snapshot changes identity only when the cart changes.
 * Storage that throws (quota, privacy mode) leaves the cart working for this page's life.
 */
export function createCartStore(storage: KeyValueStorage | undefined, userId: string): CartStore {
  const key = cartStorageKey(userId);
  const read = () => {
    try {
      return parseStoredCart(storage?.getItem(key) ?? null);
    } catch {
      return EMPTY_CART;
    }
  };
  let cart = read();
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());
  const commit = (next: Cart) => {
    if (next === cart) return;
    cart = next;
    try {
      if (cart.lines.length === 0) storage?.removeItem(key);
      else storage?.setItem(key, serialiseCart(cart));
    } catch {
      // Not persisted; the cart still works until the page is left.
    }
    emit();
  };
  return {
    getSnapshot: () => cart,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    add: (item, quantity) => {
      const result = addToCart(cart, item, quantity);
      commit(result.cart);
      return result.outcome;
    },
    setQuantity: (productId, quantity) => commit(setLineQuantity(cart, productId, quantity)),
    remove: (productId) => commit(removeLine(cart, productId)),
    clear: () => commit(EMPTY_CART),
    reload: () => {
      const next = read();
      if (serialiseCart(next) !== serialiseCart(cart)) {
        cart = next;
        emit();
      }
    },
  };
}
