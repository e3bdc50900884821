import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver did with it: answered with this status, or held it unanswered ('hang'). */
  answer: number | 'hang';
}

/**
 * A small webhook receiver on loopback for tests: it records every call and answers the next ones
 * as told (`answerNext('hang', 500)`: the first is left without an answer, as a receiver that hangs;
 * the second gets a 500), then 200. Reachable only with WEBHOOK_ALLOW_PRIVATE=1.
 */
export async function startWebhookReceiver() {
  const calls: ReceivedCall[] = [];
  const script: (number | 'hang')[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const answer = script.shift() ?? 200;
      calls.push({ headers: req.headers, body, answer });
      if (answer === 'hang') return;
      res.writeHead(answer, { 'Content-Type': 'text/plain' }).end(answer < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path = '/hooks') => `http://127.0.0.1:${port}${path}`,
    calls,
    /** The calls answered with a 2xx: what the receiver's system took in. */
    accepted: () => calls.filter((c) => typeof c.answer === 'number' && c.answer < 300),
    answerNext: (...answers: (number | 'hang')[]) => script.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
