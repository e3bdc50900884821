// Claims on the queue: of any number of couriers, exactly one gets each attempt of a message.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { useTestDatabase } from '../test/harness.js';
import { attemptDelivery } from './delivery-attempt.js';
import { claimDelivery, readDelivery } from './delivery-claim.js';
import { Delivery, DeliveryClaim } from './delivery.model.js';
import { enqueueForTest } from '../test/delivery-test-kit.js';
import type { DeliveryTiming } from './delivery-timing.js';

useTestDatabase({ demoData: false });

const timing: DeliveryTiming = { firstRetryMs: 1000, maxRetryMs: 1000, giveUpAfterMs: 60_000, leaseMs: 60_000, pollMs: 1000 };
const silent = createLogger('silent');

describe('claiming a message', () => {
  it('50 couriers claim one due message at once: exactly one wins, the message is sending under its lease', async () => {
    for (let round = 0; round < 3; round++) {
      const { _id } = await enqueueForTest({ to: `race${round}@example.test` });
      const seen = (await readDelivery(_id))!;
      const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => claimDelivery(seen, `courier-${i}`, timing)));
      const winners = claims.filter((c) => c !== null);
      expect(winners).toHaveLength(1);
      const after = (await Delivery.collection.findOne({ _id }))!;
      expect(after).toMatchObject({ state: 'sending', attempts: 1, leaseOwner: winners[0]!.leaseOwner });
      expect(after.leaseUntil.getTime()).toBeGreaterThan(Date.now());
      expect(await DeliveryClaim.countDocuments({ _id: { $regex: `^${_id.toHexString()}:` } })).toBe(1);
    }
  });

  it('a message under a live lease cannot be claimed; once the lease has run out, it can, and the late first claimer records nothing', async () => {
    const { _id } = await enqueueForTest({ to: 'lease@example.test' });
    const first = (await claimDelivery((await readDelivery(_id))!, 'first', timing))!;
    expect(await claimDelivery((await readDelivery(_id))!, 'second', timing)).toBeNull();

    // The first claimer's lease runs out (its process hangs or died).
    await Delivery.collection.updateOne({ _id }, { $set: { leaseUntil: new Date(Date.now() - 1) } });
    const second = (await claimDelivery((await readDelivery(_id))!, 'second', timing))!;
    expect(second).toMatchObject({ attempts: 2, leaseOwner: 'second' });

    // The first claimer wakes up and reports a failure: it changes nothing of the newer claim.
    await attemptDelivery(() => Promise.reject(new Error('late')), first, timing, silent);
    expect(await Delivery.collection.findOne({ _id })).toMatchObject({ state: 'sending', attempts: 2, leaseOwner: 'second', lastError: null });
    await attemptDelivery(() => Promise.resolve(), second, timing, silent);
    expect(await Delivery.collection.findOne({ _id })).toMatchObject({ state: 'sent', attempts: 2, leaseOwner: null });
    expect(await claimDelivery((await readDelivery(_id))!, 'third', timing)).toBeNull();
  });

  it('a claim whose claimer died before marking the message is passed over once a lease has gone by', async () => {
    const { _id } = await enqueueForTest({ to: 'dead@example.test' });
    // Attempt 1 claimed a lease ago by a process that died at once.
    await DeliveryClaim.create({ _id: `${_id.toHexString()}:1`, owner: 'gone', at: new Date(Date.now() - timing.leaseMs - 1) });
    expect(await claimDelivery((await readDelivery(_id))!, 'alive', timing)).toBeNull(); // skips attempt 1
    const claimed = await claimDelivery((await readDelivery(_id))!, 'alive', timing);
    expect(claimed).toMatchObject({ attempts: 2, leaseOwner: 'alive', state: 'sending' });
  });

  it('a recent claim not yet marked is left alone (its claimer is still at work)', async () => {
    const { _id } = await enqueueForTest({ to: 'busy@example.test' });
    await DeliveryClaim.create({ _id: `${_id.toHexString()}:1`, owner: 'busy', at: new Date() });
    expect(await claimDelivery((await readDelivery(_id))!, 'other', timing)).toBeNull();
    expect(await Delivery.collection.findOne({ _id })).toMatchObject({ state: 'waiting', attempts: 0 });
  });
});
