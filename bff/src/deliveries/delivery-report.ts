import type { Logger } from 'pino';
import type { DeliveryState } from '@app/shared';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { Delivery } from './delivery.model.js';

const why = 'deliveries: the operator’s report covers the whole queue';
/** A message waiting longer than this is worth a warning: its receiver has refused it for a while. */
const LATE_MS = 60 * 60_000;

/** The whole queue's state in the log: what waits, since when, what failed (warn when something needs a look). */
export async function reportQueue(log: Logger, now = new Date()): Promise<void> {
  const count = (state: DeliveryState) => unsafeUnscoped(Delivery.countDocuments({ state }), why);
  const [waiting, sending, failed] = [await count('waiting'), await count('sending'), await count('failed')];
  const oldest = (await unsafeUnscoped(Delivery.findOne({ state: 'waiting' }, { createdAt: 1 }).sort({ nextAttemptAt: 1 }), why).lean()) as { createdAt: Date } | null;
  const oldestWaitingSeconds = oldest ? Math.floor((now.getTime() - oldest.createdAt.getTime()) / 1000) : null;
  const figures = { deliveries: { waiting, sending, failed, oldestWaitingSeconds } };
  if (failed > 0 || (oldestWaitingSeconds ?? 0) * 1000 > LATE_MS) log.warn(figures, 'delivery queue: messages failed or waiting long');
  else log.info(figures, 'delivery queue');
}

export const QUEUE_REPORT_INTERVAL_MS = 10 * 60_000;

/** Reports now and every ten minutes; a failed report is logged and the next one tries again. */
export function scheduleQueueReport(log: Logger): () => void {
  const round = () => reportQueue(log).catch((err: unknown) => log.warn({ err }, 'delivery queue report failed'));
  void round();
  const timer = setInterval(round, QUEUE_REPORT_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
