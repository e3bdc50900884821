import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Mailer } from '../mail/mailer.js';
import { attemptDelivery, type AttemptOutcome, type DeliveryTransport } from './delivery-attempt.js';
import { claimDelivery, dueDeliveries, readDelivery } from './delivery-claim.js';
import { deliveriesQueued } from './delivery-outbox.js';
import { deliveryTimingOf, type DeliveryTiming } from './delivery-timing.js';
import type { OutgoingMessage } from './outgoing-message.js';

/**
 * The queue's worker in one process. Every BFF process runs one over the whole queue (the claims
 * decide who sends what, delivery-claim.ts). Once started it looks for due messages when this
 * process queues some and every `pollMs` (retries, and what other processes queued); unstarted
 * (tests) it delivers only when asked (`deliverNow`, `drain`).
 */
export interface Courier {
  /** This process's name on its claims. */
  readonly owner: string;
  /** A first attempt at these messages now, in this process: whether every one was handed over. */
  deliverNow(ids: readonly Types.ObjectId[]): Promise<boolean>;
  /** Polls from now on (the server; tests use `drain`). */
  start(): void;
  /** Looks for due messages now. */
  wake(): void;
  /** Delivers everything due now; resolves once nothing due can be claimed and nothing is in flight here. */
  drain(): Promise<void>;
  /** Takes no new work and resolves once the attempts in flight have finished. */
  stop(): Promise<void>;
}

/** Claims looked at per round, and sent at once (a slow receiver does not hold up the others). */
const BATCH = 20;
const LANES = 4;

const couriers = new Set<Courier>();

/** Each email's Message-ID names the mail domain (from MAIL_FROM), as RFC 5322 asks. */
const mailDomain = (from: string) => /@([^>\s]+)/.exec(from)?.[1] ?? 'storefront-admin.invalid';

/** Emails through the mailer, each with a Message-ID built from the message's idempotency key. */
export function mailTransport(mailer: Mailer, mailFrom: string): DeliveryTransport {
  const domain = mailDomain(mailFrom);
  return (d) => {
    if (!d.mail) return Promise.reject(Object.assign(new Error('Not an email: no transport for it'), { permanent: true }));
    return mailer.send({
      to: d.mail.to,
      subject: d.mail.subject,
      text: d.mail.text ?? '',
      html: d.mail.html ?? '',
      id: d._id,
      messageId: `<${d._id.toHexString()}@${domain}>`,
      tenant: { distributorId: d.distributorId, resellerId: d.resellerId ?? null },
    });
  };
}

/** Each message to the transport of its channel; a channel this process cannot send is refused for good. */
export function channelTransport(transports: Partial<Record<OutgoingMessage['channel'], DeliveryTransport>>): DeliveryTransport {
  return (d) => {
    const transport = transports[d.channel];
    if (!transport) return Promise.reject(Object.assign(new Error(`No transport for ${d.channel} messages`), { permanent: true }));
    return transport(d);
  };
}

export function createCourier(o: { transport: DeliveryTransport; timing: DeliveryTiming; logger: Logger; owner?: string }): Courier {
  const owner = o.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = o.logger.child({ courier: owner });
  const inFlight = new Set<Promise<unknown>>();
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => {});
    return work;
  };

  /** Claims and sends `seen` if it is still to be had; undefined when another claim won. */
  async function claimAndSend(seen: Parameters<typeof claimDelivery>[0]): Promise<AttemptOutcome | undefined> {
    const claimed = await claimDelivery(seen, owner, o.timing);
    return claimed ? track(attemptDelivery(o.transport, claimed, o.timing, log)) : undefined;
  }

  async function round(): Promise<boolean> {
    const due = await dueDeliveries(new Date(), BATCH);
    let worked = false;
    const queue = [...due];
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        for (let seen = queue.shift(); seen && !stopped; seen = queue.shift()) {
          if ((await claimAndSend(seen)) !== undefined) worked = true;
        }
      }),
    );
    return worked;
  }

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        while (!stopped && (await round()));
      } while (again && !stopped);
    })()
      .catch((err: unknown) => log.error({ err }, 'delivery round failed; the next one tries again'))
      .finally(() => (running = null));
  }

  const onQueued = () => wake();

  const courier: Courier = {
    owner,
    async deliverNow(ids) {
      let all = true;
      for (const id of ids) {
        const seen = await readDelivery(id);
        const outcome = seen ? await claimAndSend(seen) : undefined;
        // Claimed by another courier meanwhile: on its way, as far as the caller can know.
        if (outcome !== undefined && outcome !== 'sent') all = false;
      }
      return all;
    },
    start() {
      if (timer || stopped) return;
      deliveriesQueued.on('queued', onQueued);
      timer = setInterval(wake, o.timing.pollMs);
      timer.unref();
      wake();
    },
    wake,
    async drain() {
      do {
        while (running) await running;
        while (!stopped && (await round()));
        await Promise.allSettled([...inFlight]);
      } while (running || inFlight.size > 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      deliveriesQueued.off('queued', onQueued);
      couriers.delete(courier);
      while (running) await running;
      await Promise.allSettled([...inFlight]);
    },
  };
  couriers.add(courier);
  return courier;
}

/** Drains every courier of this process until none has anything due or in flight (tests). */
export async function whenDeliveriesSettled(): Promise<void> {
  for (const courier of [...couriers]) await courier.drain();
}

/** Stops every courier of this process (the end of a test file). */
export async function stopAllCouriers(): Promise<void> {
  await Promise.all([...couriers].map((c) => c.stop()));
}

/** The app's courier: mail through `mailer`, other channels (webhooks) through theirs, paced by the configuration. */
export function createMailCourier(
  mailer: Mailer,
  config: Config,
  logger: Logger,
  others: Partial<Record<Exclude<OutgoingMessage['channel'], 'mail'>, DeliveryTransport>> = {},
): Courier {
  return createCourier({ transport: channelTransport({ ...others, mail: mailTransport(mailer, config.MAIL_FROM) }), timing: deliveryTimingOf(config), logger });
}
