import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Role } from '@app/shared';
import type { Actor, ClientInfo } from '../tenancy/actor.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
}

interface BaseContext<B, Q, P, D> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: P;
  /** What the route needs beyond the request (mailer, keys, config), given at mounting. */
  deps: D;
  client: ClientInfo;
}

export interface PublicContext<B, Q, P, D> extends BaseContext<B, Q, P, D> {
  principal: null;
}

/** A signed-in call: the actor's parts, and the actor itself to hand to services. */
export interface SessionContext<B, Q, P, D> extends BaseContext<B, Q, P, D>, Actor {
  actor: Actor;
}

interface CommonSpec<B, Q, P> {
  method: HttpMethod;
  /** Express-style path, e.g. `/api/customers/:id`; OpenAPI gets `{id}`. */
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** The success answer; handlers return its body (or write the response themselves). */
  success: { status: number } & ResponseSpec;
  /** Refusals this route documents besides the generic ones (400, 401, 403, 404, 429, 503). */
  errors?: number[];
  /**
   * A change staff may still make while looking at a storefront as a customer's user (only ending
   * the look): every other route but GET is refused to them (mount-routes.ts).
   */
  whileViewingAs?: 'allowed';
}

export interface PublicRoute<B = unknown, Q = unknown, P = unknown, D = unknown> extends CommonSpec<B, Q, P> {
  access: 'public';
  handler: (ctx: PublicContext<B, Q, P, D>) => Promise<unknown>;
}

export interface SessionRoute<B = unknown, Q = unknown, P = unknown, D = unknown> extends CommonSpec<B, Q, P> {
  access: 'session';
  /** Roles that may call the route at all (from the entity's policy); anyone else signed in gets 403. */
  roles: readonly Role[];
  handler: (ctx: SessionContext<B, Q, P, D>) => Promise<unknown>;
}

/** A declared route needing deps `D`; any bag with at least `D` can mount it. */
export type RouteSpec<D = any> = PublicRoute<any, any, any, D> | SessionRoute<any, any, any, D>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface DefineRoute<D> {
  <B = undefined, Q = undefined, P = undefined>(spec: PublicRoute<B, Q, P, D>): RouteSpec<D>;
  <B = undefined, Q = undefined, P = undefined>(spec: SessionRoute<B, Q, P, D>): RouteSpec<D>;
}

/**
 * `routesNeeding<{ mailer: Mailer }>()` gives a feature its `defineRoute`, typed with just the
 * deps its handlers use; the app mounts them with its full bag. The HTTP kit knows no feature.
 */
export function routesNeeding<D = unknown>(): DefineRoute<D> {
  return ((spec: RouteSpec<D>) => spec) as DefineRoute<D>;
}

/** Declares a route once: the app mounts it, OpenAPI documents it, the tenancy matrix tests it. */
export const defineRoute = routesNeeding<unknown>();
