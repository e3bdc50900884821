import { Alert, Button, Group, Modal, NumberInput, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { ORDER_STATUS_LABEL, type AddressKind, type OrderDetail } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { formatMoney } from '@/lib/format';
import { useFullCatalogue } from '../api/get-catalogue';
import { usePlaceOrder } from '../api/place-order';
import { MAX_QUANTITY } from '../cart/cart-store';
import { newSubmitKey } from '../cart/submit-key';
import { BillingBadge, PriceBreaks, ProvisioningBadge } from './product-bits';
import { DeliverTo } from './deliver-to';
import { unitPriceAt } from '../cart/priced-cart';

export interface OrderForCustomerDialogProps {
  customerId: string;
  customerName: string;
  opened: boolean;
  onClose: () => void;
  onPlaced: (order: OrderDetail) => void;
}

/**
 * A reseller orders on a customer's behalf: quantities against the catalogue at the customer's
 * price (the reseller sees the cost too), one submit key per cart: a retry of the same lines finds the
 * same order, and changed lines get a key of their own (the server refuses a key reused for
 * another cart). No approval is needed.
 */
export function OrderForCustomerDialog({ customerId, customerName, opened, onClose, onPlaced }: OrderForCustomerDialogProps) {
  const catalogue = useFullCatalogue(opened, customerId);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const pending = useRef<{ signature: string; key: string } | null>(null);
  const [deliverTo, setDeliverTo] = useState<AddressKind | undefined>(undefined);
  const place = usePlaceOrder({
    onPlaced: (order) => {
      notifications.show({ color: 'green', message: `Order ${order.number} placed for ${customerName}: ${ORDER_STATUS_LABEL[order.status]}.` });
      setQuantities({});
      pending.current = null;
      onPlaced(order);
      onClose();
    },
  });
  const items = catalogue.data?.items ?? [];
  const currency = catalogue.data?.currency ?? 'EUR';
  const lines = items.filter((p) => (quantities[p.id] ?? 0) > 0).map((p) => ({ product: p, quantity: quantities[p.id]! }));
  const totalCents = lines.reduce((s, l) => s + Math.round(unitPriceAt(l.product, l.quantity) * 100) * l.quantity, 0);
  const error = place.error instanceof ApiRequestError ? place.error : null;

  return (
    <Modal opened={opened} onClose={onClose} title={`New order for ${customerName}`} size="xl" fullScreen={false}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Placed by you, the order needs no approval: it is executed at once, or waits for the distributor where a product is provisioned by hand.
        </Text>
        {catalogue.isError && <Alert color="red">{catalogue.error.message}</Alert>}
        {error && (
          <Alert color="red" role="alert" title="The order was not placed">
            {error.message}
          </Alert>
        )}
        <ScrollArea.Autosize mah={420}>
          <Table verticalSpacing="xs" aria-label="Products">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th ta="right">Price</Table.Th>
                <Table.Th ta="right">Cost</Table.Th>
                <Table.Th w={130}>Quantity</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {p.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.sku} · {p.category}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <BillingBadge billing={p.billing} />
                      <ProvisioningBadge provisioning={p.provisioning} />
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatMoney(unitPriceAt(p, quantities[p.id] ?? 1), currency)}
                    <PriceBreaks item={p} currency={currency} />
                  </Table.Td>
                  <Table.Td ta="right">{p.unitCost !== undefined ? formatMoney(p.unitCost, currency) : '—'}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`Quantity of ${p.name}`}
                      min={0}
                      max={MAX_QUANTITY}
                      allowDecimal={false}
                      allowNegative={false}
                      size="xs"
                      value={quantities[p.id] ?? 0}
                      onChange={(v) => setQuantities((q) => ({ ...q, [p.id]: typeof v === 'number' ? v : 0 }))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        {opened && <DeliverTo customerId={customerId} value={deliverTo} onChange={setDeliverTo} />}
        <Group justify="space-between">
          <Text fw={700}>
            Total {formatMoney(totalCents / 100, currency)} · {lines.length} {lines.length === 1 ? 'product' : 'products'}
          </Text>
          <Group>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              disabled={lines.length === 0}
              loading={place.isPending}
              onClick={() => {
                if (place.isPending) return;
                const sent = lines.map((l) => ({ productId: l.product.id, quantity: l.quantity }));
                const signature = sent.map((l) => `${l.productId}:${l.quantity}`).join(',');
                if (pending.current?.signature !== signature) pending.current = { signature, key: newSubmitKey() };
                place.mutate({ customerId, idempotencyKey: pending.current.key, lines: sent, ...(deliverTo ? { deliverTo } : {}) });
              }}
            >
              Place order
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
