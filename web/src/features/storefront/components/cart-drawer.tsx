import { ActionIcon, Alert, Anchor, Badge, Button, Divider, Drawer, Group, Loader, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatMoney, formatNumber } from '@/lib/format';
import { paths } from '@/lib/paths';
import { useFullCatalogue } from '../api/get-catalogue';
import { useCart } from '../cart/cart-context';
import { MAX_QUANTITY, MIN_QUANTITY } from '../cart/cart-store';
import { priceCart, type PricedLine } from '../cart/priced-cart';
import { Price } from './product-bits';

interface CartDrawerProps {
  opened: boolean;
  onClose: () => void;
  onReview: () => void;
  fullScreen: boolean;
}

/** The cart: change quantities, remove lines, see the total, go on to review. */
export function CartDrawer({ opened, onClose, onReview, fullScreen }: CartDrawerProps) {
  const { cart, store } = useCart();
  const catalogue = useFullCatalogue(opened);
  const priced = priceCart(cart, catalogue.data);
  const currency = catalogue.data?.currency;
  const empty = cart.lines.length === 0;

  const confirmEmpty = () =>
    modals.openConfirmModal({
      title: 'Empty the cart?',
      children: <Text size="sm">All {cart.lines.length} products are removed from your cart.</Text>,
      labels: { confirm: 'Empty the cart', cancel: 'Keep them' },
      confirmProps: { color: 'red' },
      onConfirm: () => store.clear(),
    });

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={fullScreen ? '100%' : 'md'}
      title={
        <Group gap="xs">
          <Text fw={700} size="lg" component="span">
            Your cart
          </Text>
          {!empty && (
            <Badge variant="light" tt="none">
              {cart.lines.length} {cart.lines.length === 1 ? 'product' : 'products'}
            </Badge>
          )}
        </Group>
      }
      closeButtonProps={{ 'aria-label': 'Close the cart' }}
      styles={{ body: { display: 'flex', flexDirection: 'column', minHeight: 'calc(100% - 60px)' } }}
    >
      {empty ? (
        <Stack align="flex-start" gap="sm" py="md">
          <Text fw={600}>Your cart is empty</Text>
          <Text size="sm" c="dimmed">
            Add products from the catalogue; they stay here until you order, also after a reload.
          </Text>
          <Anchor component={Link} to={paths.storefrontCatalogue} onClick={onClose} size="sm">
            Browse the catalogue
          </Anchor>
        </Stack>
      ) : (
        <>
          {catalogue.isError && !catalogue.data && (
            <Alert color="red" role="alert" mb="sm" title="Current prices could not be loaded">
              <Group justify="space-between">
                <Text size="sm">{catalogue.error.message}</Text>
                <Button size="xs" variant="light" onClick={() => catalogue.refetch()}>
                  Try again
                </Button>
              </Group>
            </Alert>
          )}
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none', flex: 1 }} aria-label="Products in your cart">
            {priced.lines.map((line) => (
              <CartLineRow key={line.productId} line={line} currency={currency} onQuantity={(q) => store.setQuantity(line.productId, q)} onRemove={() => store.remove(line.productId)} />
            ))}
          </Stack>

          <Stack gap="sm" pt="md" mt="md" style={{ position: 'sticky', bottom: 0, background: 'var(--mantine-color-body)' }}>
            <Divider />
            <Group justify="space-between" align="baseline">
              <Text fw={700}>Total</Text>
              {currency ? (
                <Text fw={700} size="lg" data-testid="cart-total" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatMoney(priced.total, currency)}
                </Text>
              ) : (
                <Loader size="xs" role="status" aria-label="Loading prices" />
              )}
            </Group>
            {currency && priced.monthly > 0 && (
              <Text size="xs" c="dimmed">
                Includes {formatMoney(priced.monthly, currency)} per month for monthly products, charged every month from the first.
              </Text>
            )}
            {priced.unavailable > 0 && (
              <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="alert">
                Remove the products that are no longer in the catalogue to go on.
              </Alert>
            )}
            <Button size="md" onClick={onReview} disabled={!currency || priced.unavailable > 0}>
              Review order
            </Button>
            <Group justify="space-between">
              <Anchor component={Link} to={paths.storefrontCatalogue} onClick={onClose} size="sm">
                Continue shopping
              </Anchor>
              <Button variant="subtle" color="red" size="xs" onClick={confirmEmpty}>
                Empty the cart
              </Button>
            </Group>
          </Stack>
        </>
      )}
    </Drawer>
  );
}

function CartLineRow({ line, currency, onQuantity, onRemove }: { line: PricedLine; currency: string | undefined; onQuantity: (q: number) => void; onRemove: () => void }) {
  // The box may be empty while typing; the cart keeps the last valid quantity.
  const [draft, setDraft] = useState<number | string>(line.quantity);
  const [seen, setSeen] = useState(line.quantity);
  if (seen !== line.quantity) {
    setSeen(line.quantity);
    setDraft(line.quantity);
  }
  return (
    <Paper component="li" withBorder radius="md" p="sm" aria-label={line.name}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {line.name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            SKU {line.sku}
          </Text>
          {!line.available && (
            <Text size="xs" c="red.9" fw={600}>
              No longer in the catalogue
            </Text>
          )}
        </div>
        <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={`Remove ${line.name} from the cart`}>
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      </Group>
      <Group justify="space-between" align="flex-end" mt="xs" wrap="nowrap" gap="xs">
        <NumberInput
          label="Quantity"
          aria-label={`Quantity of ${line.name}`}
          size="xs"
          w={110}
          min={MIN_QUANTITY}
          max={MAX_QUANTITY}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          thousandSeparator=","
          value={draft}
          onChange={(v) => {
            setDraft(v);
            if (typeof v === 'number') onQuantity(v);
          }}
          onBlur={() => setDraft(line.quantity)}
        />
        <Stack gap={0} align="flex-end">
          {currency && (
            <>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatNumber(line.quantity)} × {formatMoney(line.unitPrice, currency)}
              </Text>
              <Price amount={line.amount} currency={currency} billing={line.billing} />
            </>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
