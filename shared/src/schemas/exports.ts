import { z } from 'zod';

/**
 * Every `…/export.xlsx` takes the grid's view plus an optional `downloadToken`: a random value the
 * browser makes per click. The answer that starts the file sets a short-lived cookie named after
 * it (`DOWNLOAD_COOKIE_PREFIX` + token), so the page knows the download has begun without holding
 * the file (see web/src/components/export-button.tsx).
 */
export const downloadTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'A download token of 8–64 letters, digits, - or _')
  .optional();

/** What a list query pages with; an export takes every row of the view, so none of it. */
const PAGING = { limit: true, cursor: true, offset: true, total: true } as const;
type PagedShape = z.core.$ZodShape & Record<keyof typeof PAGING, z.ZodType>;

/**
 * The query of a grid's export: its list query's view (search, filters, sort) without the paging,
 * plus `downloadToken`. (A list whose view carries refinements cannot drop fields — zod refuses;
 * the audit log therefore derives its list and its export from its view schema instead.)
 */
export function exportQueryOf<S extends PagedShape>(listQuery: z.ZodObject<S>) {
  // `as never`: TypeScript cannot see that a generic S has the paging keys the mask names; PagedShape says so.
  return listQuery.omit<typeof PAGING>(PAGING as never).extend({ downloadToken: downloadTokenSchema });
}

export const DOWNLOAD_COOKIE_PREFIX = 'download-';

/** The `Content-Type` of every export. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
