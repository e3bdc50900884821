import type { Types } from 'mongoose';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Invoice } from './invoice.model.js';

/** An invoice or credit note number as printed: INV-2026-000123, CN-2026-000004 (any case, spaces around). */
const DOCUMENT_NUMBER = /^(INV|CN)-\d{4}-\d{1,9}$/;

/** Customers with an invoice or credit note of this number (the customer grid's search box), inside the scope. */
export async function customersWithInvoiceNumber(scope: Scope, search: string): Promise<Types.ObjectId[]> {
  const number = search.trim().toUpperCase();
  if (!DOCUMENT_NUMBER.test(number)) return [];
  const found = await scoped(Invoice.find({ number }, { customerId: 1 }).limit(10), scope).lean();
  return found.map((i) => i.customerId as Types.ObjectId);
}
