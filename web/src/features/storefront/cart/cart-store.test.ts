import { describe, expect, it, vi } from 'vitest';
import { addToCart, cartCount, cartStorageKey, createCartStore, EMPTY_CART, MAX_LINES, MAX_QUANTITY, parseStoredCart } from './cart-store';

/** A Storage stand-in (the unit tests run without a DOM). */
function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

const id = (n: number) => n.toString(16).padStart(24, '0');
const product = (n: number, overrides: Partial<{ name: string; unitPrice: number }> = {}) => ({
  id: id(n),
  name: overrides.name ?? `Product ${n}`,
  sku: `SKU-${n}`,
  billing: 'monthly' as const,
  unitPrice: overrides.unitPrice ?? 10,
});
const USER = 'a'.repeat(24);

describe('the cart', () => {
  it('adds a product, and merges a second add of the same product into its line', () => {
    const store = createCartStore(memoryStorage(), USER);
    expect(store.add(product(1), 2)).toEqual({ kind: 'added', quantity: 2 });
    expect(store.add(product(2), 1)).toEqual({ kind: 'added', quantity: 1 });
    expect(store.add(product(1, { unitPrice: 12 }), 3)).toEqual({ kind: 'merged', quantity: 5 });
    const cart = store.getSnapshot();
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([[id(1), 5], [id(2), 1]]);
    // The line keeps the latest price it was shown with.
    expect(cart.lines[0]!.unitPrice).toBe(12);
    expect(cartCount(cart)).toBe(6);
  });

  it('keeps quantities between 1 and 10,000 and at most 50 products', () => {
    const store = createCartStore(memoryStorage(), USER);
    expect(store.add(product(1), 9_000)).toEqual({ kind: 'added', quantity: 9_000 });
    expect(store.add(product(1), 2_000)).toEqual({ kind: 'capped', quantity: MAX_QUANTITY });
    expect(store.add(product(2), 20_000)).toEqual({ kind: 'capped', quantity: MAX_QUANTITY });
    expect(store.add(product(3), 0)).toEqual({ kind: 'invalid' });
    expect(store.add(product(3), Number.NaN)).toEqual({ kind: 'invalid' });

    store.setQuantity(id(1), 0);
    expect(store.getSnapshot().lines[0]!.quantity).toBe(1);
    store.setQuantity(id(1), 123_456);
    expect(store.getSnapshot().lines[0]!.quantity).toBe(MAX_QUANTITY);
    store.setQuantity(id(1), 7.9);
    expect(store.getSnapshot().lines[0]!.quantity).toBe(7);
    const before = store.getSnapshot();
    store.setQuantity(id(1), Number.NaN);
    expect(store.getSnapshot()).toBe(before);

    for (let n = 3; n <= MAX_LINES; n++) store.add(product(n), 1);
    expect(store.getSnapshot().lines).toHaveLength(MAX_LINES);
    expect(store.add(product(MAX_LINES + 1), 1)).toEqual({ kind: 'full' });
    // A product already in a full cart still merges.
    expect(store.add(product(3), 1)).toEqual({ kind: 'merged', quantity: 2 });
  });

  it('removes lines and empties', () => {
    const storage = memoryStorage();
    const store = createCartStore(storage, USER);
    store.add(product(1), 1);
    store.add(product(2), 1);
    store.remove(id(1));
    expect(store.getSnapshot().lines.map((l) => l.productId)).toEqual([id(2)]);
    store.clear();
    expect(store.getSnapshot()).toBe(EMPTY_CART);
    expect(storage.data.has(cartStorageKey(USER))).toBe(false);
  });

  it('survives a reload from storage, per user', () => {
    const storage = memoryStorage();
    const first = createCartStore(storage, USER);
    first.add(product(1), 3);
    first.add(product(2), 4);

    const reloaded = createCartStore(storage, USER);
    expect(reloaded.getSnapshot()).toEqual(first.getSnapshot());
    const someoneElse = createCartStore(storage, 'b'.repeat(24));
    expect(someoneElse.getSnapshot()).toEqual(EMPTY_CART);
  });

  it('tells subscribers of changes, keeps the snapshot while nothing changes, and reads another tab’s change', () => {
    const storage = memoryStorage();
    const store = createCartStore(storage, USER);
    const listener = vi.fn();
    const stop = store.subscribe(listener);
    store.add(product(1), 1);
    expect(listener).toHaveBeenCalledTimes(1);
    const snapshot = store.getSnapshot();
    store.remove(id(99));
    store.reload();
    expect(store.getSnapshot()).toBe(snapshot);
    expect(listener).toHaveBeenCalledTimes(1);

    const otherTab = createCartStore(storage, USER);
    otherTab.add(product(2), 2);
    store.reload();
    expect(store.getSnapshot().lines).toHaveLength(2);
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
  });

  it('keeps working when storage throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {},
    };
    const store = createCartStore(broken, USER);
    expect(store.getSnapshot()).toEqual(EMPTY_CART);
    store.add(product(1), 1);
    expect(cartCount(store.getSnapshot())).toBe(1);
  });
});

describe('reading a stored cart back', () => {
  const good = { productId: id(1), quantity: 2, name: 'A', sku: 'A-1', billing: 'one_time', unitPrice: 5 };

  it.each([
    ['nothing', null],
    ['an empty string', ''],
    ['not JSON', '{lines: ['],
    ['JSON of another shape', '[1,2,3]'],
    ['lines that are not a list', '{"lines":"many"}'],
    ['a number', '42'],
  ])('gives an empty cart for %s', (_, raw) => {
    expect(parseStoredCart(raw)).toEqual(EMPTY_CART);
  });

  it('drops the lines that do not parse and keeps the rest', () => {
    const raw = JSON.stringify({
      lines: [
        good,
        { ...good, productId: 'not-an-id' },
        { ...good, productId: id(2), quantity: 0 },
        { ...good, productId: id(3), quantity: 2.5 },
        { ...good, productId: id(4), quantity: MAX_QUANTITY + 1 },
        { ...good, productId: id(5), billing: 'yearly' },
        { ...good, productId: id(6), unitPrice: -1 },
        { ...good, productId: id(7), name: undefined },
        'a string',
        null,
        { ...good, productId: id(8), quantity: 1 },
      ],
    });
    expect(parseStoredCart(raw).lines.map((l) => [l.productId, l.quantity])).toEqual([[id(1), 2], [id(8), 1]]);
  });

  it('merges a product listed twice and applies the limits again', () => {
    const lines = [good, { ...good, quantity: MAX_QUANTITY }, ...Array.from({ length: MAX_LINES + 5 }, (_, i) => ({ ...good, productId: id(100 + i) }))];
    const cart = parseStoredCart(JSON.stringify({ lines }));
    expect(cart.lines[0]).toMatchObject({ productId: id(1), quantity: MAX_QUANTITY });
    expect(cart.lines).toHaveLength(MAX_LINES);
  });

  it('reads garbage in storage as an empty cart, which the next change overwrites', () => {
    const storage = memoryStorage({ [cartStorageKey(USER)]: '\u0000garbage' });
    const store = createCartStore(storage, USER);
    expect(store.getSnapshot()).toEqual(EMPTY_CART);
    store.add(product(1), 1);
    expect(JSON.parse(storage.data.get(cartStorageKey(USER))!)).toEqual({ lines: [expect.objectContaining({ productId: id(1), quantity: 1 })] });
  });

  it('passes addToCart’s result through unchanged when nothing is added', () => {
    const cart = addToCart(EMPTY_CART, product(1), 1).cart;
    expect(addToCart(cart, product(2), -3).cart).toBe(cart);
  });
});
