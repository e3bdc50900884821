import type { Types } from 'mongoose';
import {
  CUSTOMER_IMPORT_COLUMNS,
  createStorefrontUserSchema,
  customerFieldsSchema,
  type CreateCustomer,
  type CreateStorefrontUser,
  type CustomerImportColumnKey,
  type ImportOutcome,
} from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { validationFailed } from '../errors/app-error.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';

export type RowValues = Record<CustomerImportColumnKey, string>;

/** What a file's rows are checked against: the reseller's levels by name, the catalogue's categories. */
export interface ImportContext {
  levelsByName: Map<string, string>;
  defaultLevelId: string;
  categories: string[];
}

/** A row decided: what applying it would do, or why it is refused. */
export interface DecidedRow {
  rowNumber: number;
  outcome: ImportOutcome;
  reasons: string[];
  values: RowValues;
  customer: CreateCustomer | null;
  user: CreateStorefrontUser | null;
  levelId: string | null;
  /** The matched customer (update / unchanged) and what of it would change. */
  existing: { id: string; revision: number } | null;
  changes: { fields: boolean; level: boolean; user: boolean };
}

const HEADER_OF = new Map(CUSTOMER_IMPORT_COLUMNS.map((c) => [c.key as string, c.header as string]));
const normalHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/** Which cell holds which column, from the header row; a file without the required columns is refused whole (400). */
export function columnsOf(header: string[]): Map<CustomerImportColumnKey, number> {
  const at = new Map(header.map((h, i) => [normalHeader(h), i]));
  const map = new Map<CustomerImportColumnKey, number>();
  for (const c of CUSTOMER_IMPORT_COLUMNS) {
    const i = at.get(normalHeader(c.header));
    if (i !== undefined) map.set(c.key, i);
  }
  const missing = CUSTOMER_IMPORT_COLUMNS.filter((c) => c.required && !map.has(c.key)).map((c) => c.header);
  if (missing.length > 0) {
    const message = `The first row must name the template's columns; missing: ${missing.join(', ')}.`;
    throw validationFailed({ file: message }, message);
  }
  return map;
}

export function valuesOf(cells: string[], columns: Map<CustomerImportColumnKey, number>): RowValues {
  const out = {} as RowValues;
  for (const c of CUSTOMER_IMPORT_COLUMNS) out[c.key] = (columns.has(c.key) ? (cells[columns.get(c.key)!] ?? '') : '').trim();
  return out;
}

export const isBlank = (v: RowValues) => Object.values(v).every((x) => x === '');

/** A refusal's wording: the column, then what is wrong ("Customer email: Enter a valid email address"). */
function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }, header: (field: string) => string): string[] {
  return error.issues.map((i) => {
    const column = header(String(i.path[0] ?? ''));
    // "Company name is required" names its column already.
    return i.message.toLowerCase().startsWith(column.toLowerCase()) ? i.message : `${column}: ${i.message}`;
  });
}

const USER_FIELD: Record<string, CustomerImportColumnKey> = { firstName: 'userFirstName', lastName: 'userLastName', email: 'userEmail' };

/** The checks of a row on its own: mandatory fields, email formats, the price level's name. */
function checkAlone(v: RowValues, ctx: ImportContext) {
  const reasons: string[] = [];
  const parsed = customerFieldsSchema.safeParse({
    companyName: v.companyName, email: v.email, phone: v.phone, address: v.address, city: v.city, state: v.state, postcode: v.postcode, country: v.country,
    ...(v.tradingName ? { tradingName: v.tradingName } : {}),
    ...(v.taxId ? { taxId: v.taxId } : {}),
  });
  if (!parsed.success) reasons.push(...issuesOf(parsed.error, (f) => HEADER_OF.get(f) ?? f));
  let user: CreateStorefrontUser | null = null;
  if (v.userFirstName || v.userLastName || v.userEmail) {
    const u = createStorefrontUserSchema.safeParse({ firstName: v.userFirstName, lastName: v.userLastName, email: v.userEmail, language: 'en', dateFormat: 'DD/MM/YYYY' });
    if (u.success) user = u.data;
    else reasons.push(...issuesOf(u.error, (f) => HEADER_OF.get(USER_FIELD[f] ?? f) ?? f));
  }
  let levelId: string | null = null;
  if (v.priceLevel) {
    levelId = ctx.levelsByName.get(v.priceLevel.toLowerCase()) ?? null;
    if (!levelId) reasons.push(`Price level: you have no level named “${v.priceLevel}”`);
  }
  return { reasons, customer: parsed.success ? parsed.data : null, user, levelId };
}

/** What the file has seen so far (its keys only, never its rows): for "duplicate in the file". */
export interface SeenKeys {
  customers: Map<string, number>;
  users: Map<string, number>;
}

const COMPARED = ['companyName', 'phone', 'address', 'city', 'state', 'postcode', 'country'] as const;

/**
 * Decides a batch of rows against the reseller's customers and storefront users as they are now
 * (one query for each, by the keys of the batch). A row matches a customer by its email: it is
 * then an update, or unchanged when the file says what is stored. Used by the dry run (with the
 * file's keys seen so far) and again by applying, so each row is applied as things are then.
 */
export async function decideRows(scope: Scope, ctx: ImportContext, rows: { rowNumber: number; values: RowValues }[], seen: SeenKeys | null): Promise<DecidedRow[]> {
  const checked = rows.map((r) => ({ ...r, ...checkAlone(r.values, ctx) }));
  const emails = [...new Set(checked.flatMap((r) => (r.customer ? [r.customer.email] : [])))];
  const userEmails = [...new Set(checked.flatMap((r) => (r.user ? [r.user.email] : [])))];
  const [customers, users] = await Promise.all([
    emails.length ? scoped(Customer.find({ email: { $in: emails } }), scope).lean() : [],
    userEmails.length ? scoped(User.find({ role: 'storefront', email: { $in: userEmails } }, { email: 1, customerId: 1 }), scope).lean() : [],
  ]);
  const customerByEmail = new Map(customers.map((c) => [c.email, c]));
  const userByEmail = new Map(users.map((u) => [u.email, u]));

  return checked.map((r): DecidedRow => {
    const reasons = [...r.reasons];
    if (seen && r.customer) {
      const first = seen.customers.get(r.customer.email);
      if (first !== undefined) reasons.push(`Customer email: the same as row ${first} of this file`);
      else seen.customers.set(r.customer.email, r.rowNumber);
    }
    if (seen && r.user) {
      const first = seen.users.get(r.user.email);
      if (first !== undefined) reasons.push(`User email: the same as row ${first} of this file`);
      else seen.users.set(r.user.email, r.rowNumber);
    }
    const existing = r.customer ? customerByEmail.get(r.customer.email) : undefined;
    const user = r.user ? userByEmail.get(r.user.email) : undefined;
    if (user && !(existing && (user.customerId as Types.ObjectId | null)?.equals(existing._id))) {
      reasons.push('User email: already the login of another customer’s user');
    }
    const base = { rowNumber: r.rowNumber, values: r.values, customer: r.customer, user: r.user, levelId: r.levelId };
    const none = { fields: false, level: false, user: false };
    if (reasons.length > 0 || !r.customer) return { ...base, outcome: 'refused', reasons, existing: null, changes: none };
    if (!existing) return { ...base, outcome: 'create', reasons, existing: null, changes: { fields: true, level: r.levelId !== null && r.levelId !== ctx.defaultLevelId, user: r.user !== null } };
    const c = r.customer;
    const fields =
      COMPARED.some((k) => (existing[k] ?? '') !== c[k]) ||
      (c.tradingName !== undefined && (existing.tradingName ?? '') !== c.tradingName) ||
      (c.taxId !== undefined && (existing.taxId ?? '') !== c.taxId);
    const assigned = new Map(existing.priceLevels.map((a) => [a.category, String(a.levelId)]));
    const level = r.levelId !== null && ctx.categories.some((cat) => (assigned.get(cat) ?? ctx.defaultLevelId) !== r.levelId);
    const changes = { fields, level, user: r.user !== null && !user };
    const outcome = changes.fields || changes.level || changes.user ? 'update' : 'unchanged';
    return { ...base, outcome, reasons, existing: { id: String(existing._id), revision: existing.revision }, changes };
  });
}
