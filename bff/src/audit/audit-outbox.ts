import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { backgroundLogger } from '../logger.js';
import type { Actor } from '../tenancy/actor.js';
import { systemScope } from '../tenancy/scope.js';
import { scopedDoc, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { AuditEvent } from './audit-event.model.js';
import type { AuditEventRecord } from './audit.service.js';

/*
 * A change and its audit event must land together, and neither MongoDB nor FerretDB may be asked
 * for a multi-document transaction here. So the event travels inside the change itself: the same
 * atomic write that changes a document pushes the event onto that document's `pendingAudit` list
 * (an outbox). Flushing then copies the event into the audit collection under its own _id (so a
 * second copy is refused, never duplicated) and pulls it off the document. If the process dies or
 * the copy fails in between, the event waits on the document until the next change of that
 * document or the sweep at start-up. Nothing is lost and nothing is written twice.
 */

const OUTBOX_OPTION = 'auditOutbox';

/**
 * Gives a collection its outbox: the `pendingAudit` path that carries its changes' audit events,
 * and a mark that puts its model in the start-up sweep (`outboxModels`), so a new collection with
 * an outbox cannot be left out of it. Not `select: false`: mongoose would then send a projection
 * with findOneAndUpdate, which FerretDB 1.x refuses; presenters pick their fields, so the list never
 * reaches an answer.
 */
export function auditOutboxPlugin(schema: Schema): void {
  schema.add({ pendingAudit: { type: [Schema.Types.Mixed], default: undefined } });
  schema.set(OUTBOX_OPTION as never, true as never);
}

/** Every registered model whose schema carries the outbox plugin. */
export function outboxModels(): OutboxModel[] {
  return mongoose
    .modelNames()
    .map((name) => mongoose.model(name) as OutboxModel)
    .filter((model) => model.schema.get(OUTBOX_OPTION as never) === true);
}

/** A new document's outbox: `{ ...fields, ...withCreationAudit(event) }`. */
export const withCreationAudit = (event: AuditEventRecord) => ({ pendingAudit: [event] });

/** The update operator that puts `event` in the outbox of the document being changed. */
export const pushAudit = (event: AuditEventRecord) => ({ $push: { pendingAudit: event } });

type OutboxModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Copies `events` (waiting on document `id`) into the audit collection, then pulls them off the
 * document. Safe to run any number of times, from any process: a second copy of an event is
 * refused by its _id, and $pullAll removes by exact value, so an event pushed meanwhile stays.
 */
async function moveEvents(model: OutboxModel, id: Types.ObjectId, events: readonly AuditEventRecord[]): Promise<number> {
  if (events.length === 0) return 0;
  for (const event of events) {
    const scope = systemScope({ distributorId: event.distributorId, resellerId: event.resellerId, customerId: event.customerId });
    try {
      await scopedDoc(new AuditEvent(event), scope).save();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  await unsafeUnscoped(model.updateOne({ _id: id }, { $pullAll: { pendingAudit: events } }), 'audit: clearing moved events');
  return events.length;
}

/** Reads what waits in one document's outbox and moves it (the sweep, and tests). */
export async function flushPendingAudit(model: OutboxModel, id: Types.ObjectId): Promise<number> {
  const doc = (await unsafeUnscoped(
    model.findById(id, { pendingAudit: 1 }),
    'audit: moving a committed change’s events to the audit log',
  ).lean()) as { pendingAudit?: AuditEventRecord[] } | null;
  return moveEvents(model, id, doc?.pendingAudit ?? []);
}

type FollowUp = (id: Types.ObjectId) => Promise<void>;
const followUps = new Map<string, FollowUp>();

/**
 * Work that must follow every change of a model's documents: derived fields kept elsewhere (a
 * customer's storefront-access mark after a user change, its run rate after an order change).
 * It runs after each change and again, for a change whose events are still waiting, at start-up:
 * so it must be idempotent (recompute, never increment). Registered once, by the composition root.
 */
export function onChangeOf(model: OutboxModel, followUp: FollowUp): void {
  followUps.set(model.modelName, followUp);
}

/**
 * After a change: runs the model's follow-up, then moves the events its write left waiting (the
 * written document's `pendingAudit` as the write returned it, or as a new document was saved, so
 * nothing is read again). The change and its events are stored already. A failed follow-up fails
 * the call (the caller is told something went wrong) and leaves the events waiting, so the next
 * change of the document or the start-up sweep does both again; a failed move only waits.
 */
export async function settleAudit(actor: Pick<Actor, 'client'>, model: OutboxModel, written: { _id: Types.ObjectId }): Promise<void> {
  const waiting = (written as { pendingAudit?: AuditEventRecord[] | null }).pendingAudit ?? [];
  await followUps.get(model.modelName)?.(written._id);
  await moveEvents(model, written._id, waiting).catch((err: unknown) =>
    backgroundLogger.warn({ err, requestId: actor.client.requestId }, 'audit event left in its outbox; it moves with the next change or at start-up'),
  );
}

/**
 * At start-up: for every document whose events still wait in an outbox (a crash or a failed move),
 * runs its model's follow-up (the change may not have had it done either), then moves the events.
 */
export async function sweepPendingAudit(models: readonly OutboxModel[] = outboxModels()): Promise<number> {
  let moved = 0;
  for (const model of models) {
    const waiting = await unsafeUnscoped(
      model.find({ 'pendingAudit.0': { $exists: true } }, { _id: 1 }),
      'audit: start-up sweep of waiting events',
    ).lean();
    for (const { _id } of waiting as { _id: Types.ObjectId }[]) {
      await followUps.get(model.modelName)?.(_id);
      moved += await flushPendingAudit(model, _id);
    }
  }
  return moved;
}
