import { Alert, Button, Group, Loader, Modal, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import type { TFunction } from '@/lib/i18n';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '@/lib/i18n';
import { useNavigate } from 'react-router';
import type { AddressKind, PlaceOrder } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { formatMoney, formatNumber } from '@/lib/format';
import { paths } from '@/lib/paths';
import { useFullCatalogue } from '../api/get-catalogue';
import { usePlaceOrder } from '../api/place-order';
import { useCart } from '../cart/cart-context';
import { priceCart, type PricedLine } from '../cart/priced-cart';
import { DeliverTo } from './deliver-to';
import { Price } from './product-bits';

interface ReviewOrderModalProps {
  opened: boolean;
  onClose: () => void;
  onBackToCart: () => void;
  /** The submit key of this review: the same for every attempt, so the order is made once. */
  submitKey: string;
  onPlaced: () => void;
  fullScreen: boolean;
  /** The buyer's company: checkout offers its addresses. */
  customerId?: string | null | undefined;
}

/** Server field errors name lines by position (`lines.2.quantity`); shown against those lines. */
function lineErrors(t: TFunction<['catalogue', 'common']>, error: unknown, sent: PlaceOrder['lines']): { byProduct: Map<string, string>; general: string | null; title: string } | null {
  if (!(error instanceof ApiRequestError)) return error ? { byProduct: new Map(), general: (error as Error).message, title: t('review.notPlaced') } : null;
  const byProduct = new Map<string, string>();
  const other: string[] = [];
  for (const [field, message] of Object.entries(error.fields)) {
    const m = /^lines\.(\d+)\./.exec(field);
    const productId = m ? sent[Number(m[1])]?.productId : undefined;
    if (productId) byProduct.set(productId, byProduct.has(productId) ? `${byProduct.get(productId)} ${message}` : message);
    else other.push(message);
  }
  if (error.status === 409) {
    return { byProduct, general: t('review.contactReseller', { message: error.message }), title: t('review.cannotOrder') };
  }
  if (error.code === 'network' || error.status >= 500) {
    return {
      byProduct,
      general: t('review.safeRetry', { message: error.message }),
      title: t('review.notConfirmed'),
    };
  }
  return { byProduct, general: [error.message, ...other].join(' '), title: t('review.notPlaced') };
}

export function ReviewOrderModal({ opened, onClose, onBackToCart, submitKey, onPlaced, fullScreen, customerId }: ReviewOrderModalProps) {
  const { t } = useTranslation(['catalogue', 'common']);
  const [deliverTo, setDeliverTo] = useState<AddressKind | undefined>(undefined);
  const { cart, store } = useCart();
  const catalogue = useFullCatalogue();
  // Prices at review are today's: a cart filled under an older price level is repriced here.
  const { refetch } = catalogue;
  // (The order is priced by the server whatever this shows; the button is never held back by a refetch.)
  useEffect(() => {
    if (opened) void refetch();
  }, [opened, refetch]);
  const priced = priceCart(cart, catalogue.data);
  const currency = catalogue.data?.currency;
  const place = usePlaceOrder({
    onPlaced: (order) => {
      store.clear();
      notifications.show({
        color: order.status === 'pending_approval' || order.status === 'pending_company_approval' ? 'blue' : 'green',
        title: t('review.placedTitle', { number: order.number }),
        message: t('review.placedStatus', { status: t(`common:status.${order.status}`) }),
      });
    },
  });
  const navigate = useNavigate();
  const [sent, setSent] = useState<PlaceOrder['lines']>([]);
  // The buyer's purchase-order number or reference and a note for the reseller, kept on the order.
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  // A second click before React re-renders the button as busy sends nothing (the key would make it harmless anyway).
  const inFlight = useRef(false);
  const errors = lineErrors(t, place.error, sent);

  const submit = () => {
    if (inFlight.current) return;
    inFlight.current = true;
    const lines = cart.lines.map((l) => ({ productId: l.productId, quantity: l.quantity }));
    setSent(lines);
    place.mutate(
      { idempotencyKey: submitKey, lines, reference: reference.trim() || undefined, note: note.trim() || undefined, ...(deliverTo ? { deliverTo } : {}) },
      {
        onSuccess: (order) => {
          onPlaced();
          navigate(paths.storefrontOrder(order.id));
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  };

  const close = () => {
    if (!place.isPending) onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text component="span" fw={700} size="lg">{t('review.title')}</Text>} size="xl" fullScreen={fullScreen} closeButtonProps={{ 'aria-label': t('review.close') }}>
      {!currency ? (
        catalogue.isError ? (
          <Alert color="red" role="alert" title={t('cart.pricesError')}>
            {catalogue.error.message}
          </Alert>
        ) : (
          <Loader role="status" aria-label={t('cart.loadingPrices')} />
        )
      ) : (
        <Stack gap="md">
          {priced.repriced > 0 && (
            <Alert color="yellow" role="status" title={t('review.repricedTitle')}>
              {t('review.repriced', { count: priced.repriced })}
            </Alert>
          )}
          {errors?.general && (
            <Alert color="red" role="alert" title={errors.title}>
              {errors.general}
            </Alert>
          )}
          {fullScreen ? (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('review.lines')}>
              {priced.lines.map((line) => (
                <Stack key={line.productId} component="li" gap={2} py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div style={{ minWidth: 0 }}>
                      <Text fw={600} size="sm">
                        {line.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('quantityTimesPrice', { quantity: formatNumber(line.quantity), price: formatMoney(line.unitPrice, currency) })}
                        {line.billing === 'monthly' ? ` ${t('perMonth')}` : ''}
                      </Text>
                    </div>
                    <Price amount={line.amount} currency={currency} billing={line.billing} stacked />
                  </Group>
                  <LineError line={line} errors={errors?.byProduct} onRemove={() => store.remove(line.productId)} />
                </Stack>
              ))}
            </Stack>
          ) : (
            <Table verticalSpacing="xs" aria-label={t('review.lines')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columns.product')}</Table.Th>
                  <Table.Th ta="right">{t('columns.quantity')}</Table.Th>
                  <Table.Th ta="right">{t('columns.unitPrice')}</Table.Th>
                  <Table.Th ta="right">{t('columns.lineTotal')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {priced.lines.map((line) => (
                  <Table.Tr key={line.productId}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {line.name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {t('sku', { sku: line.sku })}
                      </Text>
                      <LineError line={line} errors={errors?.byProduct} onRemove={() => store.remove(line.productId)} />
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatNumber(line.quantity)}
                    </Table.Td>
                    <Table.Td>
                      <Price amount={line.unitPrice} currency={currency} billing={line.billing} fw={400} />
                    </Table.Td>
                    <Table.Td>
                      <Price amount={line.amount} currency={currency} billing={line.billing} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}

          <Group justify="space-between" align="baseline">
            <Text fw={700}>{t('cart.total')}</Text>
            <Text fw={700} size="xl" data-testid="review-total" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatMoney(priced.total, currency)}
            </Text>
          </Group>
          {priced.monthly > 0 && (
            <Text size="xs" c="dimmed" ta="right" mt={-12}>
              {t('review.includesMonthly', { amount: formatMoney(priced.monthly, currency) })}
            </Text>
          )}

          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('review.reference')} maxLength={60} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={place.error instanceof ApiRequestError ? place.error.fields.reference : undefined} />
            <Textarea label={t('review.note')} maxLength={500} autosize minRows={1} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={place.error instanceof ApiRequestError ? place.error.fields.note : undefined} />
          </SimpleGrid>
          <DeliverTo customerId={customerId} value={deliverTo} onChange={setDeliverTo} />

          <Alert color="blue" icon={<IconInfoCircle aria-hidden />} role="note">
            {t('review.mayWait')}
          </Alert>

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onBackToCart} disabled={place.isPending}>
              {t('review.backToCart')}
            </Button>
            <Button onClick={submit} loading={place.isPending} disabled={cart.lines.length === 0 || priced.unavailable > 0}>
              {t('review.place')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function LineError({ line, errors, onRemove }: { line: PricedLine; errors: Map<string, string> | undefined; onRemove: () => void }) {
  const { t } = useTranslation(['catalogue', 'common']);
  const message = errors?.get(line.productId) ?? (line.available ? null : t('cart.unavailable'));
  if (!message) return null;
  return (
    <Group gap="xs" mt={4}>
      <Text size="xs" c="red.9" fw={600} role="alert">
        {message}
      </Text>
      <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove}>
        {t('common:actions.remove')}
      </Button>
    </Group>
  );
}
