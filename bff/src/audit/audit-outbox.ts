import { Schema, type Model, type Types } from 'mongoose';
import { systemScope } from '../tenancy/scope.js';
import { scopedDoc, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { AuditEvent } from './audit-event.model.js';
import type { Actor, AuditEventRecord } from './audit.service.js';

/*
 * A change and its audit event must land together, and neither MongoDB nor FerretDB may be asked
 * for a multi-document transaction here. So the event travels inside the change itself: the same
 * atomic write that changes a document pushes the event onto that document's `pendingAudit` list
 * (an outbox). Flushing then copies the event into the audit collection under its own _id (so a
 * second copy is refused, never duplicated) and pulls it off the document. If the process dies or
 * the copy fails in between, the event waits on the document until the next flush of that document
 * or the sweep at start-up. Nothing is lost and nothing is written twice.
 */

/**
 * The schema path a collection adds to carry its changes' audit events. Not `select: false`:
 * mongoose would then send a projection with findOneAndUpdate, which FerretDB 1.x refuses;
 * presenters pick their fields, so the list never reaches an answer.
 */
export const pendingAuditPath = { type: [Schema.Types.Mixed], default: undefined } as const;

/** A new document's outbox: `{ ...fields, ...withCreationAudit(event) }`. */
export const withCreationAudit = (event: AuditEventRecord) => ({ pendingAudit: [event] });

/** The update operator that puts `event` in the outbox of the document being changed. */
export const pushAudit = (event: AuditEventRecord) => ({ $push: { pendingAudit: event } });

type OutboxModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const isDuplicateKey = (err: unknown) => (err as { code?: number })?.code === 11000;

/**
 * Moves the waiting audit events of one document into the audit collection. Safe to run any
 * number of times, from any process: each event is copied once and then removed by exact value.
 */
export async function flushPendingAudit(model: OutboxModel, id: Types.ObjectId): Promise<number> {
  const doc = (await unsafeUnscoped(
    model.findById(id, { pendingAudit: 1 }),
    'audit: moving a committed change’s events to the audit log',
  ).lean()) as { pendingAudit?: AuditEventRecord[] } | null;
  const events = doc?.pendingAudit ?? [];
  if (events.length === 0) return 0;
  for (const event of events) {
    const scope = systemScope({ distributorId: event.distributorId, resellerId: event.resellerId, customerId: event.customerId });
    try {
      await scopedDoc(new AuditEvent(event), scope).save();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  // $pullAll removes by exact value: an event pushed meanwhile by another change stays.
  await unsafeUnscoped(model.updateOne({ _id: id }, { $pullAll: { pendingAudit: events } }), 'audit: clearing moved events');
  return events.length;
}

/**
 * Flushes after a change without failing the request that made it: the change and its event are
 * both stored already, and a failed move is retried by the next flush or the start-up sweep.
 */
export async function settleAudit(actor: Actor, model: OutboxModel, id: Types.ObjectId): Promise<void> {
  await flushPendingAudit(model, id).catch((err: unknown) => actor.req.log?.warn({ err }, 'audit event left in its outbox; it moves on the next flush'));
}

/**
 * At start-up: moves every event still waiting in an outbox (left by a crash or a failed move).
 * `recover` runs for each such document first: a change whose event did not move may not have had
 * its follow-up work done either.
 */
export async function sweepPendingAudit(models: OutboxModel[], recover?: (model: OutboxModel, id: Types.ObjectId) => Promise<void>): Promise<number> {
  let moved = 0;
  for (const model of models) {
    const waiting = await unsafeUnscoped(
      model.find({ 'pendingAudit.0': { $exists: true } }, { _id: 1 }),
      'audit: start-up sweep of waiting events',
    ).lean();
    for (const { _id } of waiting as { _id: Types.ObjectId }[]) {
      await recover?.(model, _id);
      moved += await flushPendingAudit(model, _id);
    }
  }
  return moved;
}
