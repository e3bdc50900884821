import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error.js';

/** Names that only an attack sends: query operators, and keys that reach an object's prototype. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const isOperatorKey = (key: string) => key.startsWith('$') || PROTOTYPE_KEYS.has(key);

/**
 * NUL cannot be stored: PostgreSQL's jsonb (under the embedded FerretDB) refuses `\u0000`, and no
 * name, address or note needs it. Refused here, once for every field, rather than failing as 500.
 */
const hasNul = (value: unknown) => typeof value === 'string' && value.includes('\u0000');

/** Where a request names an operator or prototype key (or uses bracket syntax in its query), if it does. */
export function operatorKeyIn(query: Record<string, unknown>, body: unknown): 'query string' | 'request body' | null {
  if (Object.keys(query).some((key) => isOperatorKey(key) || /[[\]]/.test(key) || hasNul(key))) return 'query string';
  if (Object.values(query).some((v) => hasNul(v) || (Array.isArray(v) && v.some(hasNul)))) return 'query string';
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const value = stack.pop();
    if (hasNul(value)) return 'request body';
    if (!value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (isOperatorKey(key) || hasNul(key)) return 'request body';
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return null;
}

/**
 * Refuses (400) any request (API, page or file) whose query string or JSON body names a MongoDB operator (`$ne`, `$where`…)
 * or a prototype key anywhere, or whose query uses bracket syntax (`?search[$ne]=x`), or holds a NUL.
 *
 * Belt and braces: every route validates its input with zod (strings are strings, unknown keys are
 * dropped), so no such value reaches a query today. Express 5 parses query strings flat
 * (`search[$ne]` is just an unknown key, silently dropped), but a switch to the extended parser, or
 * a route that passed a body field on without a schema, would turn these into operators; refusing
 * them keeps that door shut and makes an attempt fail loudly. The walk is iterative: a body nested
 * 50,000 deep must not overflow the stack.
 */
export const refuseOperatorKeys: RequestHandler = (req, _res, next) => {
  const where = operatorKeyIn(req.query ?? {}, req.body);
  next(where ? new AppError('bad_request', `The ${where} holds a field name or a character (NUL) that is not accepted.`) : undefined);
};
