import type { Schema } from 'mongoose';
import type { ScalarKind } from './sjson.js';

/**
 * What a collection's fields hold, from its mongoose schema: the SQL compares and sorts a field
 * only where it knows the field holds one kind of scalar (never an array, whose matching and
 * sorting MongoDB defines element by element).
 */
export type FieldKind = ScalarKind | 'other';
export type FieldKinds = (path: string) => FieldKind;

const KIND_OF_INSTANCE: Record<string, ScalarKind> = {
  ObjectId: 'objectId',
  ObjectID: 'objectId',
  String: 'string',
  Number: 'number',
  Date: 'date',
  Boolean: 'boolean',
};

export function fieldKindsOf(schema: Schema): FieldKinds {
  const known = new Map<string, FieldKind>();
  return (path) => {
    let kind = known.get(path);
    if (kind === undefined) {
      const parts = path.split('.');
      // A dotted path is one value only through plain nested objects (not arrays, not maps).
      const throughObjects = parts.slice(0, -1).every((_, i) => schema.pathType(parts.slice(0, i + 1).join('.')) === 'nested');
      const instance = (schema.path(path) as unknown as { instance?: string } | undefined)?.instance;
      kind = (throughObjects && instance && KIND_OF_INSTANCE[instance]) || 'other';
      known.set(path, kind);
    }
    return kind;
  };
}
