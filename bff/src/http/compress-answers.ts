import compression from 'compression';
import type { Request, Response } from 'express';

/** The answers worth compressing per request: JSON. */
const isJson = (type: unknown) => typeof type === 'string' && /^application\/(?:[\w.+-]+\+)?json\b/i.test(type);

/**
 * API answers in JSON over 1 KB go out compressed, brotli (quality 4, the `compression` package's
 * default for answers made per request) or gzip, as the browser accepts; a grid page of 50
 * customers shrinks from ~20 KB to ~3 KB. Nothing else is compressed here: an export's workbook is
 * a zip already and must stream as it is written (its memory stays flat), and the web app's files
 * are compressed once at build time (static-files.ts).
 */
export function compressAnswers() {
  return compression({ threshold: 1024, filter: (_req: Request, res: Response) => isJson(res.getHeader('Content-Type')) });
}
