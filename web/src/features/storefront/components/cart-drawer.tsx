import { ActionIcon, Alert, Anchor, Badge, Button, Divider, Drawer, Group, Loader, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from '@/lib/i18n';
import { Link } from 'react-router';
import { formatMoney, formatNumber, numberSeparators } from '@/lib/format';
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
  const { t } = useTranslation(['catalogue', 'common']);
  const { cart, store } = useCart();
  const catalogue = useFullCatalogue(opened);
  const priced = priceCart(cart, catalogue.data);
  const currency = catalogue.data?.currency;
  const empty = cart.lines.length === 0;

  const confirmEmpty = () =>
    modals.openConfirmModal({
      title: t('cart.confirmEmptyTitle'),
      children: <Text size="sm">{t('cart.confirmEmptyText', { count: cart.lines.length })}</Text>,
      labels: { confirm: t('cart.empty'), cancel: t('cart.keep') },
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
            {t('cart.title')}
          </Text>
          {!empty && (
            <Badge variant="light" tt="none">
              {t('cart.count', { count: cart.lines.length })}
            </Badge>
          )}
        </Group>
      }
      closeButtonProps={{ 'aria-label': t('cart.close') }}
      styles={{ body: { display: 'flex', flexDirection: 'column', minHeight: 'calc(100% - 60px)' } }}
    >
      {empty ? (
        <Stack align="flex-start" gap="sm" py="md">
          <Text fw={600}>{t('cart.emptyTitle')}</Text>
          <Text size="sm" c="dimmed">
            {t('cart.emptyText')}
          </Text>
          <Anchor component={Link} to={paths.storefrontCatalogue} onClick={onClose} size="sm">
            {t('cart.browse')}
          </Anchor>
        </Stack>
      ) : (
        <>
          {catalogue.isError && !catalogue.data && (
            <Alert color="red" role="alert" mb="sm" title={t('cart.pricesError')}>
              <Group justify="space-between">
                <Text size="sm">{catalogue.error.message}</Text>
                <Button size="xs" variant="light" onClick={() => catalogue.refetch()}>
                  {t('common:actions.tryAgain')}
                </Button>
              </Group>
            </Alert>
          )}
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none', flex: 1 }} aria-label={t('cart.listLabel')}>
            {priced.lines.map((line) => (
              <CartLineRow key={line.productId} line={line} currency={currency} onQuantity={(q) => store.setQuantity(line.productId, q)} onRemove={() => store.remove(line.productId)} />
            ))}
          </Stack>

          <Stack gap="sm" pt="md" mt="md" style={{ position: 'sticky', bottom: 0, background: 'var(--mantine-color-body)' }}>
            <Divider />
            <Group justify="space-between" align="baseline">
              <Text fw={700}>{t('cart.total')}</Text>
              {currency ? (
                <Text fw={700} size="lg" data-testid="cart-total" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatMoney(priced.total, currency)}
                </Text>
              ) : (
                <Loader size="xs" role="status" aria-label={t('cart.loadingPrices')} />
              )}
            </Group>
            {currency && priced.monthly > 0 && (
              <Text size="xs" c="dimmed">
                {t('cart.includesMonthly', { amount: formatMoney(priced.monthly, currency) })}
              </Text>
            )}
            {priced.unavailable > 0 && (
              <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="alert">
                {t('cart.removeUnavailable')}
              </Alert>
            )}
            <Button size="md" onClick={onReview} disabled={!currency || priced.unavailable > 0}>
              {t('cart.review')}
            </Button>
            <Group justify="space-between">
              <Anchor component={Link} to={paths.storefrontCatalogue} onClick={onClose} size="sm">
                {t('cart.continue')}
              </Anchor>
              <Button variant="subtle" color="red" size="xs" onClick={confirmEmpty}>
                {t('cart.empty')}
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
  const { t } = useTranslation(['catalogue', 'common']);
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
            {t('sku', { sku: line.sku })}
          </Text>
          {!line.available && (
            <Text size="xs" c="red.9" fw={600}>
              {t('cart.unavailable')}
            </Text>
          )}
        </div>
        <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('cart.removeLine', { name: line.name })}>
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      </Group>
      <Group justify="space-between" align="flex-end" mt="xs" wrap="nowrap" gap="xs">
        <NumberInput
          label={t('cart.quantity')}
          aria-label={t('add.quantityOf', { name: line.name })}
          size="xs"
          w={110}
          min={MIN_QUANTITY}
          max={MAX_QUANTITY}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          {...numberSeparators()}
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
                {t('quantityTimesPrice', { quantity: formatNumber(line.quantity), price: formatMoney(line.unitPrice, currency) })}
              </Text>
              <Price amount={line.amount} currency={currency} billing={line.billing} />
            </>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
