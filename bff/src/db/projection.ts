const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/**
 * A projection our data layer can apply itself: top-level fields only, all included or all excluded
 * (`_id` may be excluded from an inclusion). Anything else is left to the server.
 */
export function simpleProjection(projection: unknown): ((doc: Record<string, unknown>) => Record<string, unknown>) | null | undefined {
  if (projection === undefined || (isPlainObject(projection) && Object.keys(projection).length === 0)) return null;
  if (!isPlainObject(projection)) return undefined;
  const entries = Object.entries(projection);
  if (entries.some(([k, v]) => k.includes('.') || k.startsWith('$') || ![0, 1, true, false].includes(v as never))) return undefined;
  const included = entries.filter(([k, v]) => k !== '_id' && (v === 1 || v === true)).map(([k]) => k);
  const excluded = entries.filter(([, v]) => v === 0 || v === false).map(([k]) => k);
  if (included.length > 0 && excluded.some((k) => k !== '_id')) return undefined;
  // `{_id: 1}` alone is an inclusion too: the `_id` and nothing else.
  if (included.length > 0 || projection._id === 1 || projection._id === true) {
    const keepId = !excluded.includes('_id');
    return (doc) => Object.fromEntries(Object.entries(doc).filter(([k]) => included.includes(k) || (keepId && k === '_id')));
  }
  return (doc) => Object.fromEntries(Object.entries(doc).filter(([k]) => !excluded.includes(k)));
}
