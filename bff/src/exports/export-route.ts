import type { z } from 'zod';
import { XLSX_CONTENT_TYPE, type Role } from '@app/shared';
import { defineRoute, type RouteSpec } from '../http/route.js';
import type { Actor } from '../tenancy/actor.js';
import { exportFileName } from './file-name.js';
import { sendXlsx } from './send-xlsx.js';
import type { ExportContent } from './xlsx-export.js';

export interface ExportRouteSpec<Q extends { downloadToken?: string }, T, P = Record<string, never>> {
  /** The full path, `/api/<grid>/export.xlsx`: declare it before any `/api/<grid>/:id`, which would take it for an id. */
  path: string;
  tag: string;
  summary: string;
  roles: readonly Role[];
  /** The grid's view, as `exportQueryOf` derives it from the list's query. */
  query: z.ZodType<Q>;
  /** Path parameters, for an export of one thing (`/api/customers/:id/statement.xlsx`). */
  params?: z.ZodType<P>;
  /** The file and sheet name: `Orders` → `Orders-2026-11-25.xlsx`, sheet "Orders". */
  title: string;
  /** The feature's export service: checks the actor may export, then hands back the columns and rows. */
  build: (actor: Actor, query: Q, params: P) => ExportContent<T> | Promise<ExportContent<T>>;
}

/**
 * GET (and HEAD) of a grid's current view as an Excel workbook, streamed by `sendXlsx`. A feature
 * declares what is its own; the rest — the answer's description, content type and handler — is
 * the same for every export.
 */
export function exportRoute<Q extends { downloadToken?: string }, T, P = Record<string, never>>(spec: ExportRouteSpec<Q, T, P>): RouteSpec {
  const { title, build, ...route } = spec;
  return defineRoute({
    ...route,
    method: 'get',
    access: 'session',
    success: {
      status: 200,
      description: `${exportFileName(title, 'YYYY-MM-DD')} (HEAD: the same checks and headers, no file)`,
      contentType: XLSX_CONTENT_TYPE,
    },
    async handler({ actor, query, params, req, res }) {
      await sendXlsx(req, res, { title, ...(await build(actor, query, params)) }, query.downloadToken);
    },
  });
}
