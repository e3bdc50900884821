import { CARRIERS, ORDER_STATUS_LABEL, type Carrier, type OrderExportQuery } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { cursorRows } from '../exports/cursor-rows.js';
import type { ExportColumn, ExportContent } from '../exports/xlsx-export.js';
import { orderPolicy } from '../policies/order.js';
import { presentApprovalReason } from '../policies/order-approval.js';
import { resellerPolicy } from '../policies/reseller.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { orderView } from './order-list.js';
import { Order, type OrderDoc } from './order.model.js';

type ExportedOrder = Pick<
  OrderDoc,
  'number' | 'orderedAt' | 'customerName' | 'resellerName' | 'placedBy' | 'status' | 'lines' | 'totalCostCents' | 'totalAmountCents' | 'monthlyAmountCents' | 'reference' | 'buyerNote' | 'approval' | 'currency' | 'deliveryAddress' | 'tracking'
>;

/** The rule that makes a waiting order wait, as its approval card says it (empty for orders waiting for nobody). */
const waitsBecause = (o: ExportedOrder) => {
  const step = o.status === 'pending_company_approval' ? o.approval?.company : o.status === 'pending_approval' ? o.approval?.reseller : null;
  return presentApprovalReason(step, o.currency)?.text ?? '';
};

/** The address it ships to on one line, as a label would have it. */
const deliverTo = (o: ExportedOrder) => {
  const a = o.deliveryAddress;
  if (!a) return '';
  return [a.address, [a.postcode, a.city].filter(Boolean).join(' '), a.state, a.country].filter((part) => part && String(part).trim()).join(', ');
};

/** Every parcel as "Carrier number", separated by semicolons. */
const parcels = (o: ExportedOrder) => (o.tracking ?? []).map((t) => `${CARRIERS[t.carrier as Carrier]?.name ?? t.carrier} ${t.number}`).join('; ');

const money = (cents: number | undefined) => (cents === undefined ? undefined : Math.round(cents) / 100);

/**
 * Orders.xlsx: the grid's columns, and what the grid shows on hover or on the order's page. Cost
 * and margin only for those the policy lets see cost (rule 3): for the others they are neither
 * columns nor read from the database.
 */
function orderColumns(currency: string, v: { seeCost: boolean; acrossCustomers: boolean; acrossResellers: boolean }): ExportColumn<ExportedOrder>[] {
  const cols: (ExportColumn<ExportedOrder> | false)[] = [
    { header: 'Order #', width: 14, type: 'text', value: (o) => o.number },
    { header: 'Order date', width: 18, type: 'date', withTime: true, value: (o) => o.orderedAt },
    v.acrossCustomers && { header: 'Customer', width: 32, type: 'text', value: (o) => o.customerName },
    v.acrossResellers && { header: 'Reseller', width: 28, type: 'text', value: (o) => o.resellerName },
    { header: 'Status', width: 26, type: 'text', value: (o) => ORDER_STATUS_LABEL[o.status] },
    { header: 'Placed by', width: 26, type: 'text', value: (o) => o.placedBy?.name ?? o.resellerName },
    { header: 'Placed by the customer', width: 12, type: 'yesNo', value: (o) => o.placedBy?.kind === 'customer' },
    { header: 'Reference', width: 18, type: 'text', value: (o) => o.reference ?? '' },
    { header: 'Note', width: 32, type: 'text', value: (o) => o.buyerNote ?? '' },
    { header: 'Waits because', width: 40, type: 'text', value: (o) => waitsBecause(o) },
    { header: 'Deliver to', width: 40, type: 'text', value: deliverTo },
    { header: 'Tracking', width: 28, type: 'text', value: parcels },
    { header: 'Lines', width: 8, type: 'number', value: (o) => o.lines?.length ?? 0 },
    { header: 'Monthly', width: 10, type: 'yesNo', value: (o) => o.monthlyAmountCents > 0 },
    v.seeCost && { header: 'Total cost', width: 16, type: 'money', currency, value: (o) => money(o.totalCostCents) },
    { header: 'Total amount', width: 16, type: 'money', currency, value: (o) => money(o.totalAmountCents) },
    v.seeCost && { header: 'Margin', width: 16, type: 'money', currency, value: (o) => money(o.totalAmountCents - o.totalCostCents) },
  ];
  return cols.filter((c): c is ExportColumn<ExportedOrder> => c !== false);
}

/**
 * Any orders grid's current view (search, status, customer, reseller, age, sort) as an export:
 * every matching order inside the caller's scope — a storefront user's, its own company's only.
 */
export async function orderExport(actor: Actor, q: OrderExportQuery): Promise<ExportContent<ExportedOrder>> {
  const { principal, scope } = actor;
  const seeCost = orderPolicy.can(principal, 'order.seeCost');
  const { filter, sort } = orderView(q);
  const fields = 'number orderedAt customerName resellerName placedBy status lines totalAmountCents monthlyAmountCents reference buyerNote approval currency deliveryAddress tracking';
  const query = scoped(Order.find(filter, seeCost ? `${fields} totalCostCents` : fields).sort(sort).lean<ExportedOrder[]>(), scope);
  return {
    columns: orderColumns(await currencyOf(scope), {
      seeCost,
      acrossCustomers: principal.role !== 'storefront',
      acrossResellers: resellerPolicy.can(principal, 'reseller.list'),
    }),
    rows: cursorRows<ExportedOrder>(query),
  };
}
