// The queue against a real SMTP server on loopback: retries, the stable Message-ID, giving up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createMailer } from '../mail/mailer.js';
import { startSmtpTestServer } from '../test/smtp-test-server.js';
import { testConfig, useTestDatabase } from '../test/harness.js';
import { createMailCourier, type Courier } from './courier.js';
import { Delivery } from './delivery.model.js';
import { enqueueForTest } from '../test/delivery-test-kit.js';

useTestDatabase({ demoData: false });

let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let courier: Courier;
beforeAll(async () => {
  smtp = await startSmtpTestServer();
  // Retries at once (the first wait is 1 ms), so the test waits for answers, not for time.
  const config = testConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Shop <shop@mail.example.test>', DELIVERY_FIRST_RETRY_MS: '1', DELIVERY_MAX_RETRY_MS: '1' });
  courier = createMailCourier(createMailer(config, createLogger('silent')), config, createLogger('silent'));
});
afterAll(async () => {
  await courier.stop();
  await smtp.close();
});

const stored = async (id: unknown) => (await Delivery.collection.findOne({ _id: id as never }))!;

/** Drains until the message has left `waiting` (each retry is due at once). */
async function deliverUntilSettled(id: unknown) {
  for (let d = await stored(id); d.state === 'waiting' || d.state === 'sending'; d = await stored(id)) await courier.drain();
  return stored(id);
}

describe('delivering through SMTP', () => {
  it('a server that refuses twice, then accepts: one delivery, three attempts, one Message-ID', async () => {
    const { _id } = await enqueueForTest({ to: 'retry@example.test' });
    smtp.refuseNext(2);
    const d = await deliverUntilSettled(_id);
    expect(d).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
    expect(smtp.refused()).toBe(2);
    const messageId = `<${_id.toHexString()}@mail.example.test>`;
    expect(smtp.copiesOf(messageId)).toBe(1);
    expect(smtp.received.filter((m) => m.to.includes('retry@example.test'))).toHaveLength(1);
    // Drained again: nothing is sent twice.
    await courier.drain();
    expect(smtp.copiesOf(messageId)).toBe(1);
  });

  it('a message carrying a link keeps no copy of its body once delivered', async () => {
    const { _id } = await enqueueForTest({ to: 'link@example.test', sensitive: true });
    const d = await deliverUntilSettled(_id);
    expect(d.state).toBe('sent');
    expect(d.mail).toMatchObject({ to: 'link@example.test', text: null, html: null });
    expect(smtp.copiesOf(`<${_id.toHexString()}@mail.example.test>`)).toBe(1);
  });

  it('past its give-up time, a refused message is kept as failed with the error, and not sent', async () => {
    const { _id } = await enqueueForTest({ to: 'late@example.test', giveUpAt: new Date(Date.now() - 1000) });
    smtp.refuseNext(1);
    const d = await deliverUntilSettled(_id);
    expect(d).toMatchObject({ state: 'failed', attempts: 1 });
    expect(d.lastError).toMatch(/Try again later/);
    expect(d.failedAt).toBeInstanceOf(Date);
    expect(smtp.copiesOf(`<${_id.toHexString()}@mail.example.test>`)).toBe(0);
  });
});
