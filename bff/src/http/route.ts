import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Role } from '@app/shared';
import type { Principal } from '../tenancy/principal.js';
import type { Scope } from '../tenancy/scope.js';
import type { AppDeps } from './deps.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
}

interface BaseContext<B, Q, P> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: P;
  deps: AppDeps;
}

export interface PublicContext<B, Q, P> extends BaseContext<B, Q, P> {
  principal: Principal | null;
}

export interface SessionContext<B, Q, P> extends BaseContext<B, Q, P> {
  principal: Principal;
  scope: Scope;
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
}

export interface PublicRoute<B = unknown, Q = unknown, P = unknown> extends CommonSpec<B, Q, P> {
  access: 'public';
  handler: (ctx: PublicContext<B, Q, P>) => Promise<unknown>;
}

export interface SessionRoute<B = unknown, Q = unknown, P = unknown> extends CommonSpec<B, Q, P> {
  access: 'session';
  /** Roles that may call the route at all; anyone else signed in gets 403. */
  roles: readonly Role[];
  handler: (ctx: SessionContext<B, Q, P>) => Promise<unknown>;
}

export type RouteSpec = PublicRoute<any, any, any> | SessionRoute<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Declares a route once: the app mounts it, OpenAPI documents it, the tenancy matrix tests it. */
export function defineRoute<B = undefined, Q = undefined, P = undefined>(spec: PublicRoute<B, Q, P>): RouteSpec;
export function defineRoute<B = undefined, Q = undefined, P = undefined>(spec: SessionRoute<B, Q, P>): RouteSpec;
export function defineRoute(spec: RouteSpec): RouteSpec {
  return spec;
}
