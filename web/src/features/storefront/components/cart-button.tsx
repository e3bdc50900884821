import { Badge, Button, Text } from '@mantine/core';
import { IconShoppingCart } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useCart } from '../cart/cart-context';
import { newSubmitKey } from '../cart/submit-key';
import { CartDrawer } from './cart-drawer';
import { ReviewOrderModal } from './review-order-modal';
import { useWideLayout } from './use-wide-layout';

/**
 * The header's cart button with the number of products, and behind it the cart drawer and the
 * review step. One submit key per review; an unsuccessful attempt keeps it for the same cart, so a
 * retry after a lost answer cannot make a second order.
 */
export function CartButton() {
  const { cart } = useCart();
  const wide = useWideLayout();
  const [view, setView] = useState<'closed' | 'cart' | 'review'>('closed');
  const pending = useRef<{ signature: string; key: string } | null>(null);
  const [submitKey, setSubmitKey] = useState('');
  const count = cart.lines.length;

  const openReview = () => {
    const signature = cart.lines.map((l) => `${l.productId}:${l.quantity}`).join(',');
    if (pending.current?.signature !== signature) pending.current = { signature, key: newSubmitKey() };
    setSubmitKey(pending.current.key);
    setView('review');
  };

  return (
    <>
      <Button
        variant="default"
        size="sm"
        px="sm"
        leftSection={<IconShoppingCart size={18} aria-hidden />}
        rightSection={
          <Badge size="sm" circle={count < 10} variant={count ? 'filled' : 'light'} color={count ? 'indigo' : 'gray'} aria-hidden>
            {count}
          </Badge>
        }
        onClick={() => setView('cart')}
        aria-label={`Cart, ${count} ${count === 1 ? 'product' : 'products'}`}
        aria-haspopup="dialog"
      >
        <Text span inherit visibleFrom="xs">
          Cart
        </Text>
      </Button>
      <CartDrawer opened={view === 'cart'} onClose={() => setView('closed')} onReview={openReview} fullScreen={!wide} />
      {view === 'review' && (
        <ReviewOrderModal
          key={submitKey}
          opened
          onClose={() => setView('closed')}
          onBackToCart={() => setView('cart')}
          submitKey={submitKey}
          onPlaced={() => {
            pending.current = null;
            setView('closed');
          }}
          fullScreen={!wide}
        />
      )}
    </>
  );
}
