import { describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Session } from '../auth/session.model.js';
import { DEMO_PASSWORD } from '../seed/demo-data.js';
import { api, buildTestApp, DEMO_ACCOUNTS, signIn, useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);

const userOf = (email: string) => User.collection.findOne({ email });

describe('one’s own profile', () => {
  it('reads and saves one’s name, language and date format, audited before → after; the email stays', async () => {
    const cookie = await signIn(app, 'buyer');
    const before = await http.get('/api/profile', cookie);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ email: DEMO_ACCOUNTS.buyer, language: expect.any(String), dateFormat: expect.any(String) });

    const saved = await http.put('/api/profile', { firstName: 'Beatrice', lastName: before.body.lastName, language: 'el', dateFormat: 'YYYY-MM-DD', email: 'steal@evil.example' }, cookie);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ firstName: 'Beatrice', language: 'el', dateFormat: 'YYYY-MM-DD', email: DEMO_ACCOUNTS.buyer });
    // The session's principal follows at once (name and preferences), the sign-in email does not move.
    const me = await http.get('/api/auth/me', cookie);
    expect(me.body.displayName).toBe(`Beatrice ${before.body.lastName}`);
    expect(me.body.preferences).toEqual({ language: 'el', dateFormat: 'YYYY-MM-DD' });
    expect((await userOf(DEMO_ACCOUNTS.buyer))!.email).toBe(DEMO_ACCOUNTS.buyer);

    const user = (await userOf(DEMO_ACCOUNTS.buyer))!;
    const events = await AuditEvent.collection.find({ 'target.id': user._id, action: 'account.profile_updated' }).toArray();
    expect(events).toHaveLength(1);
    expect(events[0]!.changes).toEqual({ firstName: { from: before.body.firstName, to: 'Beatrice' }, language: { from: before.body.language, to: 'el' }, dateFormat: { from: before.body.dateFormat, to: 'YYYY-MM-DD' } });
    // Saving the same again writes and audits nothing.
    expect((await http.put('/api/profile', { firstName: 'Beatrice', lastName: before.body.lastName, language: 'el', dateFormat: 'YYYY-MM-DD' }, cookie)).status).toBe(200);
    expect(await AuditEvent.collection.countDocuments({ 'target.id': user._id, action: 'account.profile_updated' })).toBe(1);
  });

  it('refuses bad fields with 400 naming them, and changes nothing; no session is 401', async () => {
    const cookie = await signIn(app, 'card');
    const before = await userOf(DEMO_ACCOUNTS.card);
    const bad = await http.put('/api/profile', { firstName: ' ', lastName: 'x'.repeat(81), language: 'fr', dateFormat: 'DD.MM.YY' }, cookie);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['dateFormat', 'firstName', 'language', 'lastName']);
    expect(await userOf(DEMO_ACCOUNTS.card)).toEqual(before);
    expect((await http.get('/api/profile')).status).toBe(401);
    expect((await http.put('/api/profile', { firstName: 'A', lastName: 'B', language: 'en', dateFormat: 'DD/MM/YYYY' })).status).toBe(401);
  });
});

describe('changing one’s own password', () => {
  const NEW = 'Fresh-Passphrase-2';

  it('needs the current password; then the new one signs in, the old one not, and every other session ends but this one', async () => {
    const here = await signIn(app, 'deposit');
    const elsewhere = await signIn(app, 'deposit');
    const wrong = await http.post('/api/profile/password', { currentPassword: 'not-my-password-1', newPassword: NEW }, here);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ currentPassword: 'This is not your current password' });
    expect((await http.get('/api/auth/me', elsewhere)).status).toBe(200);

    const weak = await http.post('/api/profile/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' }, here);
    expect(weak.status).toBe(400);
    expect(Object.keys(weak.body.error.fields)).toEqual(['newPassword']);

    const changed = await http.post('/api/profile/password', { currentPassword: DEMO_PASSWORD, newPassword: NEW }, here);
    expect(changed.status).toBe(200);
    expect(changed.body.otherSessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await http.get('/api/auth/me', here)).status).toBe(200);
    expect((await http.get('/api/auth/me', elsewhere)).status).toBe(401);
    expect((await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.deposit, password: DEMO_PASSWORD })).status).toBe(401);
    expect((await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.deposit, password: NEW })).status).toBe(200);
    const user = (await userOf(DEMO_ACCOUNTS.deposit))!;
    const events = await AuditEvent.collection.find({ 'target.id': user._id, action: 'account.password_changed' }).toArray();
    expect(events).toHaveLength(1);
    // Never the password or its hash in the log.
    expect(JSON.stringify(events[0])).not.toMatch(/Passphrase|argon2/);
  });

  it('of fifty racing changes made with one current password exactly one wins; the others change nothing', async () => {
    const cookie = await signIn(app, 'otherReseller');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => http.post('/api/profile/password', { currentPassword: DEMO_PASSWORD, newPassword: `Racing-Passphrase-${i}` }, cookie)),
    );
    const statuses = answers.map((a) => a.status);
    const won = statuses.filter((s) => s === 200).length;
    expect(won).toBe(1);
    // The losers read the hash before the winner wrote (409) or after it (the current password is no longer right, 400; enough of those and sign-in's limit answers 429).
    expect(statuses.every((s) => [200, 400, 409, 429].includes(s))).toBe(true);
    const winner = answers.findIndex((a) => a.status === 200);
    expect((await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.otherReseller, password: `Racing-Passphrase-${winner}` })).status).toBe(200);
    const user = (await userOf(DEMO_ACCOUNTS.otherReseller))!;
    expect(await AuditEvent.collection.countDocuments({ 'target.id': user._id, action: 'account.password_changed' })).toBe(1);
    expect(await Session.collection.countDocuments({ userId: user._id, endedAt: null })).toBeGreaterThanOrEqual(1);
  });
});
