import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { backgroundLogger } from '../logger.js';
import { systemScope } from '../tenancy/scope.js';
import { scopedDoc, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { Delivery } from './delivery.model.js';
import type { OutgoingMessage } from './outgoing-message.js';

/*
 * The outbox pattern the audit log uses (audit/audit-outbox.ts), for outgoing messages: the
 * messages a change causes travel inside that change's own single-document write, on the
 * document's `pendingDeliveries` list. Moving them then inserts each into the delivery queue under
 * its own _id (a second copy is refused, never queued twice) and pulls it off the document. A crash
 * or a failed insert in between leaves them on the document until the next move or the start-up
 * sweep. So a stored change always gets its messages, and a message is queued once.
 */

type OutboxModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OUTBOX_OPTION = 'deliveryOutbox';

/** Gives a collection its message outbox and puts its model in the start-up sweep. */
export function deliveryOutboxPlugin(schema: Schema): void {
  schema.add({ pendingDeliveries: { type: [Schema.Types.Mixed], default: undefined } });
  schema.set(OUTBOX_OPTION as never, true as never);
}

export function deliveryOutboxModels(): OutboxModel[] {
  return mongoose
    .modelNames()
    .map((name) => mongoose.model(name) as OutboxModel)
    .filter((model) => model.schema.get(OUTBOX_OPTION as never) === true);
}

/** A new document's message outbox: `{ ...fields, ...withDeliveries(messages) }`. */
export const withDeliveries = (messages: readonly OutgoingMessage[]) => (messages.length > 0 ? { pendingDeliveries: [...messages] } : {});

/** The `$push` entry that puts `messages` in the outbox of the document being changed (merge it into the write's `$push`). */
export const pushDeliveries = (messages: readonly OutgoingMessage[]) =>
  messages.length > 0 ? { pendingDeliveries: { $each: [...messages] } } : {};

/** Told (in this process) when messages join the queue, so a courier need not wait for its next poll. */
export const deliveriesQueued = new EventEmitter();
deliveriesQueued.setMaxListeners(0);

/** Inserts one message into the queue; a copy already there (an earlier move) is left as it is. */
async function enqueue(message: OutgoingMessage): Promise<void> {
  const scope = systemScope({ distributorId: message.distributorId, resellerId: message.resellerId, customerId: message.customerId });
  try {
    await scopedDoc(new Delivery({ ...message, state: 'waiting', attempts: 0, nextAttemptAt: message.createdAt, giveUpAt: null }), scope).save();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

async function moveMessages(model: OutboxModel, id: unknown, messages: readonly OutgoingMessage[], announce = true): Promise<Types.ObjectId[]> {
  if (messages.length === 0) return [];
  for (const message of messages) await enqueue(message);
  await unsafeUnscoped(model.updateOne({ _id: id }, { $pullAll: { pendingDeliveries: messages } }), 'deliveries: clearing queued messages');
  const ids = messages.map((m) => m._id);
  if (announce) deliveriesQueued.emit('queued', ids);
  return ids;
}

/**
 * After a change is stored: moves the messages its write left in the outbox (the written document
 * as the write returned it, or as a new document was saved) into the queue and returns their ids.
 * A failure leaves them where they are, for the next move or the start-up sweep, and is thrown:
 * the change itself is stored, so callers log it rather than fail the answer. `announce: false`
 * when the caller makes the first attempt itself (courier.deliverNow), so no courier races it.
 */
export async function settleDeliveries(
  model: OutboxModel,
  written: { _id: unknown; pendingDeliveries?: readonly OutgoingMessage[] | null },
  opts: { announce?: boolean } = {},
): Promise<Types.ObjectId[]> {
  return moveMessages(model, written._id, written.pendingDeliveries ?? [], opts.announce);
}

/**
 * `settleDeliveries` for a change already stored and answered for: a failed move is logged (the
 * messages wait for the start-up sweep) and answers no ids, rather than failing the caller.
 */
export async function queueDeliveries(
  model: OutboxModel,
  written: Parameters<typeof settleDeliveries>[1],
  opts: { announce?: boolean; requestId?: string | null } = {},
): Promise<Types.ObjectId[]> {
  try {
    return await settleDeliveries(model, written, opts);
  } catch (err) {
    backgroundLogger.warn({ err, requestId: opts.requestId ?? null }, 'message left in its outbox; it is queued at the next start');
    return [];
  }
}

/**
 * Moves every message still waiting in an outbox (a crash or a failed move): at start-up all of
 * them; while running (`olderThan`), those of documents holding one older than that, which no
 * request is about to move any more.
 */
export async function sweepPendingDeliveries(models: readonly OutboxModel[] = deliveryOutboxModels(), opts: { olderThan?: Date } = {}): Promise<number> {
  let moved = 0;
  const filter = opts.olderThan ? { 'pendingDeliveries.createdAt': { $lt: opts.olderThan } } : { 'pendingDeliveries.0': { $exists: true } };
  for (const model of models) {
    const waiting = await unsafeUnscoped(
      model.find(filter, { pendingDeliveries: 1 }),
      'deliveries: start-up sweep of waiting messages',
    ).lean();
    for (const doc of waiting as { _id: unknown; pendingDeliveries: OutgoingMessage[] }[]) {
      moved += (await moveMessages(model, doc._id, doc.pendingDeliveries)).length;
    }
  }
  return moved;
}

/** A message a request left in its outbox this long ago was not moved by that request: the sweep moves it. */
export const STRANDED_AFTER_MS = 60_000;
export const STRANDED_SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * While the process runs, every five minutes: messages stranded in outboxes (the queue insert
 * failed, the database was away a moment) join the queue without waiting for the next start.
 */
export function scheduleStrandedSweep(log: Logger): () => void {
  const round = () =>
    sweepPendingDeliveries(deliveryOutboxModels(), { olderThan: new Date(Date.now() - STRANDED_AFTER_MS) }).then(
      (moved) => moved > 0 && log.warn(`Queued ${moved} message(s) left in outboxes`),
      (err: unknown) => log.warn({ err }, 'sweep of waiting messages failed; the next one tries again'),
    );
  const timer = setInterval(round, STRANDED_SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
