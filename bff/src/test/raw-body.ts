import type request from 'supertest';

/** Sends a supertest request and keeps its answer's bytes as they came (`res.body` is a Buffer), whatever its type. */
export function rawBody(req: request.Test): Promise<request.Response> {
  return req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
