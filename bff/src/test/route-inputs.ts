import querystring from 'node:querystring';
import type { z } from 'zod';
import type { Role } from '@app/shared';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import type { DemoAccount } from './harness.js';

export type Route = RouteSpec<AppDeps>;
export const keyOf = (route: Route) => `${route.method.toUpperCase()} ${route.path}`;

/** The account a bad-input test signs in as for a route: one its role admits, so validation is reached. */
const ACCOUNT_FOR: [DemoAccount, Role][] = [
  ['cash', 'reseller'],
  ['distributor', 'distributor'],
  ['buyer', 'storefront'],
];
export function accountFor(route: Route): DemoAccount | null {
  if (route.access === 'public') return null;
  return ACCOUNT_FOR.find(([, role]) => route.roles.includes(role))?.[0] ?? null;
}

/** The top-level field names of a zod object schema (empty for anything else). */
export function fieldsOf(schema: z.ZodType | undefined): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** The query as Express 5 hands it to a route (its default "simple" parser is node:querystring). */
export const parseQuery = (raw: string): Record<string, unknown> => ({ ...querystring.parse(raw) });

/** The error shape every refusal carries. */
export function hasErrorShape(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}
