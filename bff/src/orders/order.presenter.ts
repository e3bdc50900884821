import { CARRIERS, trackingUrl, type AddressKind, type Carrier, type Order as OrderDto, type OrderDetail } from '@app/shared';
import { orderPolicy, orderResource } from '../policies/order.js';
import { presentApprovalReason } from '../policies/order-approval.js';
import type { Principal } from '../tenancy/principal.js';
import type { OrderDoc } from './order.model.js';

type StoredOrder = OrderDoc & { _id: { toHexString(): string }; updatedAt: Date };

const money = (cents: number) => Math.round(cents) / 100;

/**
 * An order as the caller may see it. Cost, margin and markup only for those the policy lets see
 * cost (never a storefront user: rule 3); the fields are left out, not blanked.
 */
export function presentOrder(o: StoredOrder, principal: Principal, watchNote?: string): OrderDto {
  const seeCost = orderPolicy.can(principal, 'order.seeCost');
  const margin = o.totalAmountCents - o.totalCostCents;
  return {
    id: o._id.toHexString(),
    number: o.number,
    customerId: String(o.customerId),
    customerName: o.customerName,
    resellerId: String(o.resellerId),
    resellerName: o.resellerName,
    placedBy: { kind: o.placedBy?.kind ?? 'reseller', name: o.placedBy?.name ?? o.resellerName },
    status: o.status,
    orderedAt: o.orderedAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    currency: o.currency,
    totalAmount: money(o.totalAmountCents),
    ...(seeCost
      ? {
          totalCost: money(o.totalCostCents),
          margin: money(margin),
          markupPercent: o.totalCostCents > 0 ? Math.round((margin / o.totalCostCents) * 1000) / 10 : 0,
        }
      : {}),
    lines: o.lines.map((l) => ({
      productId: String(l.productId),
      sku: l.sku,
      name: l.name,
      billing: l.billing,
      provisioning: l.provisioning,
      quantity: l.quantity,
      unitPrice: money(l.unitPriceCents),
      amount: money(l.unitPriceCents * l.quantity),
      levelName: l.levelName ?? null,
      ...(seeCost ? { unitCost: money(l.unitCostCents), cost: money(l.unitCostCents * l.quantity) } : {}),
    })),
    approval: o.approval ? { company: presentApprovalReason(o.approval.company, o.currency), reseller: presentApprovalReason(o.approval.reseller, o.currency) } : null,
    reference: o.reference ?? null,
    note: o.buyerNote ?? null,
    abilities: {
      ...orderPolicy.abilities(principal, orderResource(o), { accept: 'order.accept', cancel: 'order.cancel', markExecuted: 'order.markExecuted', addTracking: 'order.addTracking', removeTracking: 'order.removeTracking' }),
      // Its products again in the cart of someone who places the company's orders, priced as today.
      orderAgain: principal.role === 'storefront' && o.status === 'executed' && orderPolicy.can(principal, 'order.place'),
    },
    tracking: (o.tracking ?? []).map((t) => ({
      carrier: t.carrier as Carrier,
      carrierName: CARRIERS[t.carrier as Carrier]?.name ?? t.carrier,
      number: t.number,
      url: t.carrier in CARRIERS ? trackingUrl(t.carrier as Carrier, t.number) : null,
      addedAt: t.addedAt.toISOString(),
    })),
    deliveryAddress: o.deliveryAddress
      ? {
          kind: o.deliveryAddress.kind as AddressKind,
          address: o.deliveryAddress.address ?? '',
          city: o.deliveryAddress.city ?? '',
          state: o.deliveryAddress.state ?? '',
          postcode: o.deliveryAddress.postcode ?? '',
          countryCode: o.deliveryAddress.countryCode ?? '',
          country: o.deliveryAddress.country ?? '',
        }
      : null,
    ...(watchNote && orderPolicy.can(principal, 'order.seeWatchNote') ? { customerWatchNote: watchNote } : {}),
  };
}

type HistoryEntry = StoredOrder['history'][number];

/**
 * Who the buyer reads as having acted. The storefront buys from its reseller: staff behind it
 * (the reseller's people, the distributor's operations) are never named to it, their steps read
 * as the reseller's. Only the company's own users keep their names. An entry from before `byRole`
 * was kept is named only when it is a placement by the customer; everything else is the reseller.
 */
function actorNameFor(h: HistoryEntry, o: StoredOrder, principal: Principal): string {
  if (principal.role !== 'storefront') return h.byName;
  const byCompany = h.byRole ? h.byRole === 'storefront' : h.from == null && o.placedBy?.kind === 'customer';
  return byCompany ? h.byName : o.resellerName;
}

export function presentOrderDetail(o: StoredOrder, principal: Principal, watchNote?: string): OrderDetail {
  return {
    ...presentOrder(o, principal, watchNote),
    history: o.history.map((h) => ({ at: h.at.toISOString(), from: h.from ?? null, to: h.to, byName: actorNameFor(h, o, principal), note: h.note ?? '' })),
  };
}
