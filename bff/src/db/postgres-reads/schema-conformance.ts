import type { Schema } from 'mongoose';
import { fieldKindsOf } from './field-kinds.js';
import type { ScalarKind } from './sjson.js';
import { typePath } from './sql-path.js';

/**
 * The SQL here is MongoDB's answer only for documents that hold what their mongoose schema says:
 * each scalar field missing, null or of its one type, each nested object an object. Documents
 * written otherwise (by the raw driver, by an older version, by hand) are not refused by FerretDB,
 * and on them MongoDB's rules (type brackets, arrays matched element by element, sort order across
 * types) differ from jsonb's. So every read also asks whether its collection holds any such
 * document, and if it does, FerretDB answers instead (install.ts).
 *
 * The question is one SQL condition per collection, written here once: the partial index of the
 * same condition (postgres-indexes.ts) is empty while the data conforms, so asking costs an index
 * probe, whatever the collection's size.
 */

/** FerretDB's sjson type names of each kind's values (internal/handler/sjson/schema.go). */
const STORED_TYPES: Record<ScalarKind, string[]> = {
  objectId: ['objectId'],
  string: ['string'],
  number: ['double', 'int', 'long'],
  date: ['date'],
  boolean: ['bool'],
};

const listOf = (types: string[]) => types.map((t) => `'${t}'`).join(', ');
const holds = (path: string, types: string[]) => `(COALESCE(${typePath(path)}, 'missing') IN (${listOf(['missing', 'null', ...types])}))`;

/** The schema's paths of one scalar kind (top-level, or inside nested objects), with that kind. */
export function scalarPathsOf(schema: Schema): Map<string, ScalarKind> {
  const kinds = fieldKindsOf(schema);
  const paths = new Map<string, ScalarKind>();
  schema.eachPath((path) => {
    const kind = kinds(path);
    if (kind !== 'other') paths.set(path, kind);
  });
  return paths;
}

/**
 * SQL true for a stored document that breaks `schema` in a field the reads compare or sort by.
 * Trusted text without parameters: the partial index's predicate must be spelled the same.
 */
export function breaksSchemaSql(schema: Schema): string {
  const checks = new Set<string>();
  for (const [path, kind] of scalarPathsOf(schema)) {
    const parts = path.split('.');
    // Every object a nested field sits in must be one (an array there is matched element by element).
    for (let i = 1; i < parts.length; i++) checks.add(holds(parts.slice(0, i).join('.'), ['object']));
    checks.add(holds(path, STORED_TYPES[kind]));
  }
  return `(NOT (${[...checks].join(' AND ')}))`;
}
