import { ActionIcon, Alert, Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { PriceLevel, PriceLevelFields, PriceLevelList } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { formatMoney } from '@/lib/format';
import { useSavePriceLevel } from '../api/price-levels';

const EMPTY: PriceLevelFields = { name: '', markupPercent: 15, categoryMarkups: [], products: [], allowBelowCost: false };
const num = (v: string | number) => (typeof v === 'number' ? v : null);

/** What went wrong, field by field, in words (the server names fields like `products.0.breaks.1.unitPrice`). */
function problems(error: unknown): string[] {
  if (!(error instanceof ApiRequestError)) return error ? [(error as Error).message] : [];
  const fields = Object.values(error.fields);
  return fields.length > 0 ? fields : [error.message];
}

/** Create or edit one level: its markup, a markup per category, product prices and quantity breaks. */
export function LevelEditor({ level, list, onClose }: { level: PriceLevel | null; list: PriceLevelList; onClose: () => void }) {
  const [f, setF] = useState<PriceLevelFields>(() =>
    level ? { name: level.name, markupPercent: level.markupPercent, categoryMarkups: level.categoryMarkups, products: level.products, allowBelowCost: level.allowBelowCost } : EMPTY,
  );
  const save = useSavePriceLevel();
  const stale = save.error instanceof ApiRequestError && save.error.code === 'stale';
  const productById = new Map(list.products.map((p) => [p.id, p]));
  const money = (n: number) => formatMoney(n, list.currency);
  const markupOf = (category: string) => f.categoryMarkups.find((c) => c.category === category)?.markupPercent;
  const setMarkupOf = (category: string, value: number | null) =>
    setF((x) => ({ ...x, categoryMarkups: [...x.categoryMarkups.filter((c) => c.category !== category), ...(value === null ? [] : [{ category, markupPercent: value }])] }));
  const setProduct = (i: number, change: Partial<PriceLevelFields['products'][number]>) =>
    setF((x) => ({ ...x, products: x.products.map((p, j) => (j === i ? { ...p, ...change } : p)) }));
  const unused = list.products.filter((p) => !f.products.some((x) => x.productId === p.id));

  const submit = () =>
    save.mutate(level ? { ...f, id: level.id, revision: level.revision } : f, {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: `Price level “${saved.name}” saved.` });
        onClose();
      },
    });

  return (
    <Modal opened onClose={onClose} size="xl" title={<Text fw={700}>{level ? `Edit “${level.name}”` : 'New price level'}</Text>}>
      <Stack gap="md">
        {stale && (
          <Alert color="yellow" role="alert" title="Someone else changed this level">
            Close and open it again to see it as it is now.
          </Alert>
        )}
        {save.error && !stale && (
          <Alert color="red" role="alert" title="The level was not saved">
            {problems(save.error).join(' ')}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label="Name" required value={f.name} onChange={(e) => setF({ ...f, name: e.currentTarget.value })} />
          <NumberInput label="Markup on cost (every other category)" suffix=" %" decimalScale={2} min={-100} max={1000} value={f.markupPercent} onChange={(v) => setF({ ...f, markupPercent: num(v) ?? 0 })} />
        </SimpleGrid>
        <Checkbox
          label="Allow prices below cost on this level (orders then show a negative margin)"
          checked={f.allowBelowCost}
          onChange={(e) => setF({ ...f, allowBelowCost: e.currentTarget.checked })}
        />

        <Title order={3} size="h5">
          Markup per category
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }}>
          {list.categories.map((category) => (
            <NumberInput
              key={category}
              label={category}
              placeholder={`${f.markupPercent} % (the level’s)`}
              suffix=" %"
              decimalScale={2}
              min={-100}
              max={1000}
              value={markupOf(category) ?? ''}
              onChange={(v) => setMarkupOf(category, num(v))}
            />
          ))}
        </SimpleGrid>

        <Title order={3} size="h5">
          Product prices and quantity breaks
        </Title>
        {f.products.length === 0 && (
          <Text size="sm" c="dimmed">
            Every product is priced by its category’s markup. Add a product to give it a fixed price or lower prices from a quantity on.
          </Text>
        )}
        {f.products.map((p, i) => {
          const product = productById.get(p.productId);
          return (
            <Stack key={p.productId} gap={6} p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}>
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Text fw={600} size="sm">
                    {product?.name ?? 'A product no longer in the catalogue'}
                  </Text>
                  {product && (
                    <Text size="xs" c="dimmed">
                      {product.sku} · {product.category} · cost {money(product.unitCost)}
                    </Text>
                  )}
                </div>
                <ActionIcon variant="subtle" color="red" aria-label={`Remove ${product?.name ?? 'product'}`} onClick={() => setF((x) => ({ ...x, products: x.products.filter((_, j) => j !== i) }))}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
              <NumberInput
                label="Fixed unit price"
                placeholder="The category’s markup"
                decimalScale={2}
                min={0}
                w={220}
                value={p.unitPrice ?? ''}
                onChange={(v) => setProduct(i, { unitPrice: num(v) })}
              />
              {p.breaks.map((b, j) => (
                <Group key={j} gap="xs" align="flex-end" wrap="nowrap">
                  <NumberInput label="From quantity" min={2} allowDecimal={false} w={130} value={b.minQuantity} onChange={(v) => setProduct(i, { breaks: p.breaks.map((x, k) => (k === j ? { ...x, minQuantity: num(v) ?? 2 } : x)) })} />
                  <NumberInput label="Unit price" min={0} decimalScale={2} w={130} value={b.unitPrice} onChange={(v) => setProduct(i, { breaks: p.breaks.map((x, k) => (k === j ? { ...x, unitPrice: num(v) ?? 0 } : x)) })} />
                  <ActionIcon variant="subtle" color="red" mb={6} aria-label="Remove this break" onClick={() => setProduct(i, { breaks: p.breaks.filter((_, k) => k !== j) })}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                size="compact-sm"
                variant="subtle"
                w="fit-content"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => {
                  const last = p.breaks.at(-1);
                  setProduct(i, { breaks: [...p.breaks, { minQuantity: (last?.minQuantity ?? 0) + 10, unitPrice: last?.unitPrice ?? p.unitPrice ?? product?.unitCost ?? 0 }] });
                }}
              >
                Add quantity break
              </Button>
            </Stack>
          );
        })}
        {unused.length > 0 && (
          <Select
            label="Add a product"
            placeholder="Choose a product"
            searchable
            value={null}
            data={unused.map((p) => ({ value: p.id, label: `${p.name} (${p.sku})` }))}
            onChange={(id) => id && setF((x) => ({ ...x, products: [...x.products, { productId: id, unitPrice: null, breaks: [] }] }))}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={save.isPending} onClick={submit} disabled={!f.name.trim()}>
            {level ? 'Save level' : 'Create level'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A level's markups in one line: "15 % · Security 12 % · Licences 8 %". */
export function markupSummary(l: Pick<PriceLevel, 'markupPercent' | 'categoryMarkups'>): string {
  return [`${l.markupPercent} %`, ...l.categoryMarkups.map((c) => `${c.category} ${c.markupPercent} %`)].join(' · ');
}
