import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  messageId: string;
  raw: string;
}

/**
 * A real SMTP server on loopback for tests: it records what it accepts, and can refuse the next
 * messages with a temporary error (`refuseNext`) or hold them without an answer (`stall`, until
 * `release`), as a mail server that is down or hangs would.
 */
export async function startSmtpTestServer() {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  let refused = 0;
  let stalled = false;
  const held: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          refused++;
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        const accept = () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() ?? '', raw });
          callback();
        };
        if (stalled) held.push(accept);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Messages refused so far. */
    refused: () => refused,
    refuseNext(n: number) {
      refusals = n;
    },
    /** Holds every message from now on without answering. */
    stall() {
      stalled = true;
    },
    /** Answers nothing held (their senders are gone) and accepts from now on. */
    unstall() {
      stalled = false;
      held.length = 0;
    },
    /** How many times a Message-ID was accepted. */
    copiesOf: (messageId: string) => received.filter((m) => m.messageId === messageId).length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
