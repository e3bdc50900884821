import { forbidden } from '../errors/app-error.js';
import { currencyOf } from '../distributors/currency.js';
import type { ExportColumn, ExportContent } from '../exports/xlsx-export.js';
import { cursorRows } from '../exports/cursor-rows.js';
import { priceLevelPolicy } from '../policies/price-level.js';
import { Product } from '../products/product.model.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import type { CustomerPricing } from './customer-pricing.js';
import { pricedRow, pricingForCaller, type CatalogueProduct, type PricedProductRow } from './priced-catalogue.js';

const BILLING = { one_time: 'One-time', monthly: 'Monthly' } as const;

/** "from 10: €9.50 · from 50: €9.00", in the currency's own format. */
export function breaksText(breaks: PricedProductRow['breaks'], currency: string): string {
  const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
  return breaks.map((b) => `from ${b.minQuantity}: ${money.format(b.unitPriceCents / 100)}`).join(' · ');
}

/**
 * The price list: every active product at the customer's prices — the same rows, in the same order
 * and from the same pricing, as the catalogue shows that customer. No cost column, for anyone:
 * it is the customer's document even when staff download it for them.
 */
function priceListColumns(currency: string, asOf: Date): ExportColumn<PricedProductRow>[] {
  return [
    { header: 'Category', width: 18, type: 'text', value: (r) => r.product.category },
    { header: 'SKU', width: 14, type: 'text', value: (r) => r.product.sku },
    { header: 'Product', width: 40, type: 'text', value: (r) => r.product.name },
    { header: 'Billing', width: 12, type: 'text', value: (r) => BILLING[r.product.billing] },
    { header: 'Unit price', width: 14, type: 'money', currency, value: (r) => r.unitPriceCents / 100 },
    { header: 'Quantity breaks', width: 40, type: 'text', value: (r) => breaksText(r.breaks, currency) },
    { header: 'Price level', width: 18, type: 'text', value: (r) => r.levelName },
    { header: 'Prices as of', width: 14, type: 'date', value: () => asOf },
  ];
}

async function* pricedRows(actor: Actor, pricing: CustomerPricing): AsyncGenerator<PricedProductRow> {
  const products = cursorRows<CatalogueProduct>(scoped(Product.find({ active: true }).sort({ category: 1, name: 1, _id: 1 }).lean<CatalogueProduct[]>(), actor.scope));
  for await (const p of products) yield pricedRow(p, pricing);
}

/** Staff: one of their customers' price lists; a storefront user: its own company's (`customerId` absent). */
export async function priceListExport(actor: Actor, customerId?: string): Promise<ExportContent<PricedProductRow>> {
  const { principal } = actor;
  priceLevelPolicy.authorize(principal, customerId ? 'priceList.download' : 'priceList.downloadOwn', undefined, forbidden);
  const [pricing, currency] = await Promise.all([pricingForCaller(actor, customerId), currencyOf(actor.scope)]);
  return { columns: priceListColumns(currency, new Date()), rows: pricedRows(actor, pricing) };
}
