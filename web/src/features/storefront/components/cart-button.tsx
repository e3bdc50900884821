import { Badge, Button, Text } from '@mantine/core';
import { IconShoppingCart } from '@tabler/icons-react';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from '@/lib/i18n';
import { useCart } from '../cart/cart-context';
import { newSubmitKey } from '../cart/submit-key';
import { useWideLayout } from './use-wide-layout';

// Loaded with the first click on the button: the header is on every storefront page, the drawer is not.
const CartDrawer = lazy(async () => ({ default: (await import('./cart-drawer')).CartDrawer }));
const ReviewOrderModal = lazy(async () => ({ default: (await import('./review-order-modal')).ReviewOrderModal }));

/**
 * The header's cart button with the number of products, and behind it the cart drawer and the
 * review step. One submit key per review; an unsuccessful attempt keeps it for the same cart, so a
 * retry after a lost answer cannot make a second order.
 */
export function CartButton({ customerId }: { customerId?: string | null | undefined } = {}) {
  const { t } = useTranslation('catalogue');
  const { cart } = useCart();
  const wide = useWideLayout();
  const [view, setView] = useState<'closed' | 'cart' | 'review'>('closed');
  const pending = useRef<{ signature: string; key: string } | null>(null);
  const [submitKey, setSubmitKey] = useState('');
  // Mounted from the first opening on, so later ones keep the drawer's transitions.
  const [used, setUsed] = useState(false);
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
        onClick={() => {
          setUsed(true);
          setView('cart');
        }}
        aria-label={t('cart.buttonAria', { count })}
        aria-haspopup="dialog"
      >
        <Text span inherit visibleFrom="xs">
          {t('cart.button')}
        </Text>
      </Button>
      <Suspense fallback={null}>
        {used && <CartDrawer opened={view === 'cart'} onClose={() => setView('closed')} onReview={openReview} fullScreen={!wide} />}
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
            customerId={customerId}
          />
        )}
      </Suspense>
    </>
  );
}
