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

export const DOWNLOAD_COOKIE_PREFIX = 'download-';

/** The `Content-Type` of every export. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
