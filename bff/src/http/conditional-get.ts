import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * A GET answered with an `ETag` drawn from its body, and `304 Not Modified` (no body) when the
 * caller sends that tag back in `If-None-Match`. The tag depends only on the answer, which is read
 * from the database, so any BFF process gives the same tag for the same data. API answers stay
 * `no-store`: the client keeps the last body itself and sends the tag (web: lib/api-client.ts).
 * Returns the body to send, or undefined once the 304 is sent.
 */
export function unlessUnchanged<T>(req: Request, res: Response, body: T): T | undefined {
  const tag = `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  res.setHeader('ETag', tag);
  const sent = req.headers['if-none-match'];
  if (sent && sent.split(',').some((t) => t.trim() === tag)) {
    res.status(304).end();
    return undefined;
  }
  return body;
}
