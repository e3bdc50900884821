import { z } from 'zod';

/**
 * `total=1` asks a list page to count its whole view too. A grid asks it once per view (its first
 * page); the pages after it answer without a count, so paging a large tenant costs one index
 * range per page, never a recount of every row of the view.
 */
export const withTotalSchema = z.enum(['1']).optional().meta({ description: '`1`: count the whole view and answer it as `total` (a grid asks on its first page only)' });

/** A page's `total`: the whole view's count, present only when the request asked for it (`total=1`). */
export const pageTotalSchema = z.number().int().optional();
