import type { Aggregate, Document, Query, Schema } from 'mongoose';
import { isScope, type Scope } from './scope.js';

/**
 * Where a collection keeps each level of the tenancy tree: a field holding the ancestor's id, or
 * `_id` when the documents are that level themselves (distributors, resellers, customers).
 * A level left out is one the collection sits above (a distributor's catalogue has no reseller).
 */
export interface TenantKeys {
  distributor: 'distributorId' | '_id';
  reseller?: 'resellerId' | '_id';
  customer?: 'customerId' | '_id';
}

const SCOPE = Symbol('tenantScope');
const SYSTEM = Symbol('tenantSystemReason');

type Tagged = { [SCOPE]?: Scope; [SYSTEM]?: string };

export class UnscopedAccessError extends Error {
  constructor(what: string) {
    super(`${what} ran without a tenant scope. Use scoped(...) or, for system work, unsafeUnscoped(...).`);
    this.name = 'UnscopedAccessError';
  }
}

/** Runs `query` (a mongoose Query or Aggregate on a tenant collection) inside `scope`. */
export function scoped<Q extends Query<unknown, unknown> | Aggregate<unknown>>(query: Q, scope: Scope): Q {
  if (!isScope(scope)) throw new UnscopedAccessError('A query given something that is not a scope');
  (query as unknown as Tagged)[SCOPE] = scope;
  return query;
}

/** Marks a new or loaded document so that saving it is checked against `scope`. */
export function scopedDoc<D extends Document<unknown>>(doc: D, scope: Scope): D {
  if (!isScope(scope)) throw new UnscopedAccessError('A document given something that is not a scope');
  doc.$locals[SCOPE as unknown as string] = scope;
  return doc;
}

/**
 * Skips the tenant filter on purpose, e.g. finding the account behind a sign-in email. Named
 * "unsafe" so every use stands out in review; the reason is required.
 */
export function unsafeUnscoped<Q extends Query<unknown, unknown> | Aggregate<unknown>>(query: Q, reason: string): Q {
  if (!reason.trim()) throw new Error('unsafeUnscoped needs a reason');
  (query as unknown as Tagged)[SYSTEM] = reason;
  return query;
}

export function scopeFilter(scope: Scope, keys: TenantKeys): Record<string, unknown> {
  const filter: Record<string, unknown> = { [keys.distributor]: scope.distributorId };
  if (keys.reseller && scope.resellerId) filter[keys.reseller] = scope.resellerId;
  if (keys.customer && scope.customerId) filter[keys.customer] = scope.customerId;
  return filter;
}

const QUERY_OPS = [
  'find',
  'findOne',
  'countDocuments',
  'distinct',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
] as const;

const tenantFieldsOf = (keys: TenantKeys) =>
  [keys.distributor, keys.reseller, keys.customer].filter((k): k is 'distributorId' | 'resellerId' | 'customerId' =>
    Boolean(k && k !== '_id'),
  );

/** Every read, count, write and aggregate on the collection must carry a scope, or it throws. */
export function tenantPlugin(schema: Schema, keys: TenantKeys): void {
  const tenantFields = tenantFieldsOf(keys);

  const scopeQuery = function (this: Query<unknown, unknown> & Tagged) {
    const modelName = this.model.modelName;
    const update = this.getUpdate() as Record<string, unknown> | null;
    if (this[SYSTEM]) return;
    const scope = this[SCOPE];
    if (!scope) throw new UnscopedAccessError(`${modelName}.${(this as unknown as { op: string }).op}`);
    if (update) assertUpdateKeepsTenant(update, tenantFields, modelName);
    const conditions = this.getFilter();
    const extra: Record<string, unknown> = {};
    for (const [field, id] of Object.entries(scopeFilter(scope, keys))) {
      if (conditions[field] === undefined) this.where(field).equals(id);
      else extra[field] = id;
    }
    if (Object.keys(extra).length > 0) this.and([extra]);
  };
  for (const op of QUERY_OPS) schema.pre(op as 'find', scopeQuery);

  schema.pre('estimatedDocumentCount', function (this: Query<unknown, unknown>) {
    throw new UnscopedAccessError(`${this.model.modelName}.estimatedDocumentCount (cannot be scoped)`);
  });

  schema.pre('aggregate', function (this: Aggregate<unknown> & Tagged) {
    if (this[SYSTEM]) return;
    const scope = this[SCOPE];
    if (!scope) throw new UnscopedAccessError('aggregate');
    const escaping = stagesLeavingScope(this.pipeline());
    if (escaping.length > 0) throw new UnscopedAccessError(`A scoped aggregate with ${escaping.join(', ')} (it reads or writes outside the scope)`);
    this.pipeline().unshift({ $match: scopeFilter(scope, keys) });
  });

  schema.pre('save', function (this: Document) {
    const scope = this.$locals[SCOPE as unknown as string] as Scope | undefined;
    if (!scope) throw new UnscopedAccessError(`saving a ${(this.constructor as { modelName?: string }).modelName}`);
    for (const [field, id] of Object.entries(scopeFilter(scope, keys))) {
      if (field === '_id' && this.isNew) continue;
      const value = this.get(field) as { equals?: (o: unknown) => boolean } | undefined;
      if (!value?.equals?.(id)) throw new UnscopedAccessError(`saving outside the scope (${field})`);
    }
  });

  schema.pre('insertMany', function () {
    throw new UnscopedAccessError('insertMany on a tenant collection (use scoped saves, or the raw collection in seeds)');
  });
  schema.pre('bulkWrite', function () {
    throw new UnscopedAccessError('bulkWrite on a tenant collection');
  });
}

/**
 * Stages that reach other collections (read: `$lookup`, `$graphLookup`, `$unionWith`; write: `$out`,
 * `$merge`): the scope's `$match` filters only this collection's documents, so in a scoped pipeline
 * they would read or write past the tenant's edge. Looked for in `$facet` branches and in nested
 * sub-pipelines too.
 */
const STAGES_LEAVING_SCOPE = new Set(['$lookup', '$graphLookup', '$unionWith', '$out', '$merge']);

function stagesLeavingScope(pipeline: readonly unknown[]): string[] {
  const found = new Set<string>();
  const queue: unknown[] = [...pipeline];
  while (queue.length > 0) {
    const stage = queue.pop();
    if (!stage || typeof stage !== 'object') continue;
    for (const [name, spec] of Object.entries(stage)) {
      if (STAGES_LEAVING_SCOPE.has(name)) found.add(name);
      if (name === '$facet' && spec && typeof spec === 'object') {
        for (const branch of Object.values(spec)) if (Array.isArray(branch)) queue.push(...(branch as unknown[]));
      }
    }
  }
  return [...found].sort();
}

function assertUpdateKeepsTenant(update: Record<string, unknown>, fields: string[], modelName: string): void {
  const touched = (obj: unknown) =>
    typeof obj === 'object' && obj !== null && fields.some((f) => Object.prototype.hasOwnProperty.call(obj, f));
  const operatorDocs = Object.entries(update).filter(([k]) => k.startsWith('$'));
  if (touched(update) || operatorDocs.some(([, v]) => touched(v))) {
    throw new UnscopedAccessError(`${modelName} update that moves a document to another tenant`);
  }
}
