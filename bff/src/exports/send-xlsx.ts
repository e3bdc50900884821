import type { Request, Response } from 'express';
import { DOWNLOAD_COOKIE_PREFIX, XLSX_CONTENT_TYPE } from '@app/shared';
import { contentDisposition, exportFileName } from './file-name.js';
import { writeXlsx } from './write-xlsx.js';
import type { XlsxExport } from './xlsx-export.js';

const outcomes = { completed: 0, aborted: 0, failed: 0 };
/** How the exports of this process ended so far (for tests and diagnostics). */
export const exportOutcomes = () => ({ ...outcomes });

/**
 * Answers an export request with `exp` streamed as an .xlsx file.
 *
 * - The first row is read before anything is sent, so a database that fails at once still gets
 *   its JSON error answer (503) rather than a broken file.
 * - `HEAD` answers the headers only, after the route and the service have checked the session,
 *   the role, the query and the tenancy, without reading a row: the web app's check before it
 *   starts a download (an error there becomes a notification; a download cannot show one).
 * - `downloadToken`: a cookie `download-<token>` (60 s, readable by the page) comes with the
 *   file's headers, so the page knows the download has started.
 * - When the client goes away, the export stops: rows are no longer read (their cursor closes)
 *   and the half-made zip is dropped.
 */
export async function sendXlsx<T>(req: Request, res: Response, exp: XlsxExport<T>, downloadToken?: string, now = new Date()): Promise<void> {
  const headers = {
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': contentDisposition(exportFileName(exp.title, now)),
    'Cache-Control': 'no-store',
  };
  if (req.method === 'HEAD') {
    res.status(200).set(headers).end();
    return;
  }

  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  // A write racing the client's disconnect errors on the response; the abort above handles it.
  res.on('error', () => abort.abort());

  const rows = exp.rows[Symbol.asyncIterator]();
  const first = await rows.next().catch(async (err: unknown) => {
    await rows.return?.();
    throw err;
  });
  if (abort.signal.aborted) {
    await rows.return?.();
    outcomes.aborted++;
    return;
  }

  res.status(200).set(headers);
  if (downloadToken) res.cookie(`${DOWNLOAD_COOKIE_PREFIX}${downloadToken}`, '1', { maxAge: 60_000, sameSite: 'strict', path: '/', secure: req.secure });
  try {
    const result = await writeXlsx({ ...exp, rows: startingWith(first, rows) }, res, abort.signal);
    outcomes[result.completed ? 'completed' : 'aborted']++;
    req.log?.info({ export: exp.title, rows: result.rows, completed: result.completed }, result.completed ? 'export sent' : 'export aborted by the client');
  } catch (err) {
    outcomes.failed++;
    throw err; // headers are out: the error handler logs it and cuts the connection
  }
}

/** The rows again, with the one already read first; `return()` still reaches the source. */
function startingWith<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncIterable<T> {
  let pending: IteratorResult<T> | null = first;
  const iterator: AsyncIterator<T> = {
    next: () => {
      if (!pending) return rest.next();
      const r = pending;
      pending = null;
      return Promise.resolve(r);
    },
    return: async () => {
      pending = null;
      await rest.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
