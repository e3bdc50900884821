import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

/** Encodings the build writes next to each text asset (web/build/precompress.ts), best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** Vite names every file under assets/ after a hash of its content: a new build means new names. */
const HASHED_DIR = '/assets/';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Files outside assets/ keep their name across builds: a browser must ask again before using its copy. */
export const REVALIDATE = 'no-cache';

/** Whether the request accepts `encoding` (a q=0 refuses it). */
function accepts(header: string | undefined, encoding: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== encoding) return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/**
 * The built web app's files: the brotli or gzip copy made at build time when the browser takes
 * it (with `Content-Encoding` and `Vary: Accept-Encoding`), hashed assets cached for a year as
 * immutable, everything else revalidated on each use. No compression work happens per request.
 */
export function staticFiles(dist: string): RequestHandler[] {
  const choose: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = path.join(dist, path.normalize(req.path));
    if (!file.startsWith(dist + path.sep) || !existsSync(file)) return next();
    const found = PRECOMPRESSED.filter((p) => existsSync(file + p.suffix));
    if (found.length > 0) res.vary('Accept-Encoding');
    const pick = found.find((p) => accepts(req.headers['accept-encoding'], p.encoding));
    if (pick) {
      // The type is the original file's; the body is its compressed copy.
      res.type(path.extname(file));
      res.setHeader('Content-Encoding', pick.encoding);
      req.url = req.url.replace(/^([^?]*)/, `$1${pick.suffix}`);
    }
    next();
  };
  const serve = express.static(dist, {
    index: false,
    setHeaders(res, filePath) {
      const rel = '/' + path.relative(dist, filePath).split(path.sep).join('/');
      res.setHeader('Cache-Control', rel.startsWith(HASHED_DIR) ? IMMUTABLE : REVALIDATE);
    },
  });
  return [choose, serve];
}
