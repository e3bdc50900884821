import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { AccountToken } from './auth/account-token.model.js';
import { Session } from './auth/session.model.js';
import { Delivery, DeliveryClaim } from './deliveries/delivery.model.js';
import { runHousekeeping } from './housekeeping.js';
import { OutboxMessage } from './mail/outbox.model.js';
import { useTestDatabase } from './test/harness.js';

useTestDatabase({ demoData: false });

const DAY = 86_400_000;
const now = new Date('2026-11-25T12:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const userId = new Types.ObjectId();

describe('housekeeping', () => {
  it('deletes expired sessions, links spent or expired over 30 days ago, mail older than a week, delivered messages after a month and old claims, and keeps the rest', async () => {
    await Session.collection.insertMany([
      { _id: 'expired' as never, userId, createdAt: ago(10), expiresAt: ago(1), endedAt: null },
      { _id: 'live' as never, userId, createdAt: ago(1), expiresAt: new Date(now.getTime() + DAY), endedAt: null },
    ]);
    await AccountToken.collection.insertMany([
      { _id: 'used-long-ago' as never, userId, purpose: 'reset', createdAt: ago(40), expiresAt: ago(40), usedAt: ago(31) },
      { _id: 'expired-long-ago' as never, userId, purpose: 'activation', createdAt: ago(40), expiresAt: ago(35), usedAt: null },
      { _id: 'used-recently' as never, userId, purpose: 'reset', createdAt: ago(2), expiresAt: ago(2), usedAt: ago(2) },
      { _id: 'open' as never, userId, purpose: 'activation', createdAt: ago(1), expiresAt: new Date(now.getTime() + DAY), usedAt: null },
    ]);
    const mail = (days: number) => ({ distributorId: userId, resellerId: null, to: 'a@b.example', subject: 's', text: 't', html: 'h', createdAt: ago(days) });
    await OutboxMessage.collection.insertMany([mail(8), mail(6)]);
    const delivery = (state: string, sentDaysAgo: number | null) => ({ distributorId: userId, resellerId: null, customerId: null, state, sentAt: sentDaysAgo === null ? null : ago(sentDaysAgo), createdAt: ago(40) });
    await Delivery.collection.insertMany([delivery('sent', 31), delivery('sent', 29), delivery('failed', null)]);
    await DeliveryClaim.collection.insertMany([{ _id: 'old:1' as never, owner: 'a', at: ago(2) }, { _id: 'new:1' as never, owner: 'a', at: now }]);

    expect(await runHousekeeping({ now })).toEqual({ viewAs: 0, sessions: 1, rateLimits: 0, tokens: 2, mail: 1, deliveries: 2, indexes: 0, monthlyInvoices: 0 });
    expect((await Delivery.collection.find().toArray()).map((d) => d.state).sort()).toEqual(['failed', 'sent']);
    expect((await DeliveryClaim.collection.find().toArray()).map((c) => c._id)).toEqual(['new:1']);
    expect((await Session.collection.find().toArray()).map((s) => s._id)).toEqual(['live']);
    expect((await AccountToken.collection.find().sort({ _id: 1 }).toArray()).map((t) => t._id)).toEqual(['open', 'used-recently']);
    expect(await OutboxMessage.collection.countDocuments()).toBe(1);

    expect(await runHousekeeping({ now })).toEqual({ viewAs: 0, sessions: 0, rateLimits: 0, tokens: 0, mail: 0, deliveries: 0, indexes: 0, monthlyInvoices: 0 });
  });
});
