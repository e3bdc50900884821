import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { enqueueForTest } from '../test/delivery-test-kit.js';
import { useTestDatabase } from '../test/harness.js';
import { createCourier } from './courier.js';
import { Delivery } from './delivery.model.js';
import type { DeliveryTiming } from './delivery-timing.js';

useTestDatabase({ demoData: false });

const timing: DeliveryTiming = { firstRetryMs: 60_000, maxRetryMs: 60_000, giveUpAfterMs: 86_400_000, leaseMs: 60_000, pollMs: 60_000 };

describe('a courier stopping', () => {
  it('finishes the attempt in flight and records it; what waits stays queued for the next start', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const sending = new Promise<void>((resolve) => (started = resolve));
    const sent: string[] = [];
    const courier = createCourier({
      timing,
      logger: createLogger('silent'),
      transport: async (d) => {
        started();
        await gate;
        sent.push(d.mail!.to);
      },
    });
    const inFlight = await enqueueForTest({ to: 'in-flight@example.test' });
    void courier.deliverNow([inFlight._id]);
    await sending; // the send has begun and waits at the gate
    const waiting = await enqueueForTest({ to: 'waiting@example.test' });

    let stopped = false;
    const stop = courier.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false); // held by the send in flight
    release();
    await stop;
    expect(sent).toEqual(['in-flight@example.test']);
    expect(await Delivery.collection.findOne({ _id: inFlight._id })).toMatchObject({ state: 'sent' });
    expect(await Delivery.collection.findOne({ _id: waiting._id })).toMatchObject({ state: 'waiting', attempts: 0 });

    // A stopped courier takes no new work.
    courier.wake();
    await courier.drain();
    expect(sent).toEqual(['in-flight@example.test']);
  });
});
