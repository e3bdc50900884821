import { COUNTRY_CODES, countryName, normaliseTrackingNumber, type Carrier } from '@app/shared';
import type { Types } from 'mongoose';
import { demoId } from './demo-ids.js';

/*
 * The customer record as resellers keep it, in the demo: notes on the first customers of each
 * reseller, a few customers on the watch list (the buyer's company among them, so its approval
 * cards and order pages show it), and tracking numbers on orders under way or done (every one of
 * the buyer's, so the storefront shows them with carrier links). Derived from what is already
 * built, without the data set's random stream, so nothing else in the demo moves.
 */

interface SeedCustomer {
  _id: Types.ObjectId;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId;
  companyName: string;
  country: string;
  city: string;
  state: string;
  searchText: string;
}
interface SeedOrder {
  _id: Types.ObjectId;
  customerId: Types.ObjectId;
  number: string;
  status: string;
  history: { at: Date }[];
}
type SeedStaff = Record<string, unknown>;

const NOTES = [
  'Prefers to be called in the morning; the office manager decides on renewals.',
  'Asked for a quote on 20 more seats after the summer. Follow up in September.',
  'Moved to a new office; the invoices go to the accounts mailbox now.',
  'Happy with the support on the last migration. Good reference customer.',
];
const WATCHED: Record<string, string> = {
  'customer:cash:0': 'Payment terms under review: confirm large orders by phone with the finance director before accepting.',
  'customer:cash:13': 'Disputed invoice from last quarter. No new monthly subscriptions until it is settled.',
  'customer:card:7': 'Key account: every order gets a courtesy call within a day.',
  'customer:deposit:4': 'Reported a chargeback attempt. Check each order’s delivery address.',
  'customer:other:3': 'New management since October; confirm who may order.',
};
const NOTED_PER_RESELLER = 4;
const CARRIER_CYCLE: Carrier[] = ['ups', 'dhl', 'fedex', 'dpd', 'gls', 'royal_mail', 'usps', 'other'];

/** A made-up tracking number in the carrier's usual shape, the same for an order every time. */
function trackingNumberFor(carrier: Carrier, orderNumber: string): string {
  const digits = orderNumber.replace(/\D/g, '').padStart(6, '0');
  if (carrier === 'ups') return `1Z 999 AA1 01${digits}84`;
  if (carrier === 'royal_mail') return `RM${digits}1GB`;
  if (carrier === 'other') return `LOC-${digits}`;
  return `${digits}${digits.split('').reverse().join('')}`;
}

const CODE_OF_NAME = new Map(COUNTRY_CODES.map((code) => [countryName(code), code]));
/** VAT ids in each demo country's format (validator.js's), made from the customer's position. */
const TAX_ID: Record<string, (n: string) => string> = {
  GR: (n) => `EL${n}`,
  DE: (n) => `DE${n}`,
  FR: (n) => `FRXY${n}`,
  NL: (n) => `NL${n}B01`,
};

/**
 * Customer details: every country by its ISO code; a trading name and a VAT id on some; a
 * delivery address elsewhere than the main one on a few (the buyer's company among them, so its
 * checkout offers the choice) and a billing address on some.
 */
function addDetails(customers: SeedCustomer[]) {
  customers.forEach((c, i) => {
    const d = c as SeedCustomer & Record<string, unknown>;
    const countryCode = CODE_OF_NAME.get(c.country) ?? null;
    d.countryCode = countryCode;
    const extra: string[] = [];
    if (i % 5 === 1) {
      d.tradingName = `${c.companyName.split(' ')[0]} Direct`;
      extra.push(d.tradingName as string);
    }
    const taxId = countryCode && TAX_ID[countryCode]?.(String(100_000_000 + i * 7919).slice(0, 9));
    if (taxId && i % 3 === 0) {
      d.taxId = taxId;
      extra.push(taxId);
    }
    if (extra.length > 0) d.searchText = [c.searchText, ...extra.map((v) => v.toLowerCase())].join('\u0001');
    if (countryCode && (i % 9 === 4 || String(c._id) === String(demoId('customer:cash:0')))) {
      d.deliveryAddress = { address: `Unit ${(i % 30) + 1}, Logistics Park`, city: c.city, state: c.state, postcode: `${10_000 + i}`, countryCode, country: c.country };
    }
    if (countryCode && i % 11 === 6) {
      d.billingAddress = { address: `PO Box ${200 + i}`, city: c.city, state: c.state, postcode: `${20_000 + i}`, countryCode, country: c.country };
    }
  });
}

export function buildDemoRecords(data: { customers: SeedCustomer[]; orders: SeedOrder[]; users: SeedStaff[] }, now: Date) {
  addDetails(data.customers);
  const byId = new Map(data.customers.map((c) => [String(c._id), c]));
  const notes: Record<string, unknown>[] = [];
  const seenPerReseller = new Map<string, number>();
  for (const c of data.customers) {
    const n = seenPerReseller.get(String(c.resellerId)) ?? 0;
    seenPerReseller.set(String(c.resellerId), n + 1);
    if (n >= NOTED_PER_RESELLER) continue;
    const author = data.users.find((u) => u.role === 'reseller' && String(u.resellerId) === String(c.resellerId));
    if (!author) continue;
    for (let k = 0; k < 2; k++) {
      // Days old, so long past their author's 15 minutes: they show as they stay.
      const at = new Date(now.getTime() - (3 + n * 5 + k * 11) * 86_400_000);
      notes.push({
        _id: demoId(`note:${String(c._id)}:${k}`), distributorId: c.distributorId, resellerId: c.resellerId, customerId: c._id,
        text: NOTES[(n + k) % NOTES.length], authorId: author._id, authorName: `${String(author.firstName)} ${String(author.lastName)}`,
        editedAt: null, deleted: false, revision: 1, createdAt: at, updatedAt: at,
      });
    }
  }
  const watched = Object.entries(WATCHED).map(([key, text]) => ({ id: String(demoId(key)), text }));
  for (const { id, text } of watched) {
    const c = byId.get(id) as (SeedCustomer & { watchNote?: unknown }) | undefined;
    if (c) c.watchNote = { text, byName: 'Account team', at: new Date(now.getTime() - 2 * 86_400_000) };
  }
  // Every order ships to its customer's main address (orders placed now copy the one chosen at checkout).
  for (const o of data.orders as (SeedOrder & { deliveryAddress?: unknown })[]) {
    const c = byId.get(String(o.customerId)) as (SeedCustomer & Record<string, unknown>) | undefined;
    if (!c) continue;
    o.deliveryAddress = { kind: 'admin', address: c.address, city: c.city, state: c.state, postcode: c.postcode, countryCode: c.countryCode, country: c.country };
  }
  const buyerCompany = String(demoId('customer:cash:0'));
  let shipped = 0;
  for (const o of data.orders as (SeedOrder & { tracking?: unknown; trackingNumbers?: string[] })[]) {
    if (o.status !== 'in_progress' && o.status !== 'executed') continue;
    if (String(o.customerId) !== buyerCompany && shipped++ % 4 !== 0) continue;
    const carrier = CARRIER_CYCLE[Number(o.number.replace(/\D/g, '')) % CARRIER_CYCLE.length]!;
    const number = trackingNumberFor(carrier, o.number);
    const addedAt = new Date(o.history.at(-1)!.at.getTime() + 3_600_000);
    o.tracking = [{ carrier, number, addedAt, addedByName: 'Distributor operations' }];
    o.trackingNumbers = [normaliseTrackingNumber(number)];
  }
  return { notes };
}
