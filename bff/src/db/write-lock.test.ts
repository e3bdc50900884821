import { describe, expect, it } from 'vitest';
import { documentKey } from './serialised-writes.js';
import { WriteLocks, WriteLockTimeoutError } from './write-lock.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A task that records when it runs and finishes only when told to. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return {
    open,
    run: async () => {
      log.push(`${name}:start`);
      await opened;
      log.push(`${name}:end`);
      return name;
    },
  };
}

describe('WriteLocks', () => {
  it('runs writes to one document one at a time, in arrival order', async () => {
    const locks = new WriteLocks();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const ra = locks.run('db.c', 'o:1', a.run);
    const rb = locks.run('db.c', 'o:1', b.run);
    await tick();
    expect(log).toEqual(['a:start']);
    a.open();
    b.open();
    expect(await Promise.all([ra, rb])).toEqual(['a', 'b']);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
    expect(locks.activeCollections).toBe(0);
  });

  it('lets writes to different documents (and collections) run side by side', async () => {
    const locks = new WriteLocks();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const c = gate(log, 'c');
    const all = Promise.all([locks.run('db.c', 'o:1', a.run), locks.run('db.c', 'o:2', b.run), locks.run('db.other', null, c.run)]);
    await tick();
    expect(log.sort()).toEqual(['a:start', 'b:start', 'c:start']);
    a.open();
    b.open();
    c.open();
    await all;
  });

  it('a collection-wide write waits for the document writes in progress and holds off later ones', async () => {
    const locks = new WriteLocks();
    const log: string[] = [];
    const doc1 = gate(log, 'doc1');
    const wide = gate(log, 'wide');
    const doc2 = gate(log, 'doc2');
    const r1 = locks.run('db.c', 'o:1', doc1.run);
    await tick();
    const rw = locks.run('db.c', null, wide.run);
    await tick();
    // doc2 arrives after the collection-wide write: FIFO, so it waits behind it.
    const r2 = locks.run('db.c', 'o:2', doc2.run);
    await tick();
    expect(log).toEqual(['doc1:start']);
    doc1.open();
    await r1;
    await tick();
    expect(log).toEqual(['doc1:start', 'doc1:end', 'wide:start']);
    wide.open();
    doc2.open();
    await Promise.all([rw, r2]);
    expect(log).toEqual(['doc1:start', 'doc1:end', 'wide:start', 'wide:end', 'doc2:start', 'doc2:end']);
    expect(locks.activeCollections).toBe(0);
  });

  it('releases the lock when the write throws, so the next one runs', async () => {
    const locks = new WriteLocks();
    await expect(locks.run('db.c', 'o:1', async () => { throw new Error('driver failed'); })).rejects.toThrow('driver failed');
    await expect(locks.run('db.c', null, () => { throw new Error('thrown before any await'); })).rejects.toThrow('thrown before any await');
    expect(await locks.run('db.c', 'o:1', async () => 'next')).toBe('next');
    expect(locks.activeCollections).toBe(0);
  });

  it('gives up waiting after the time limit with an error the API answers as 503, and recovers', async () => {
    const locks = new WriteLocks({ timeoutMs: 50 });
    const log: string[] = [];
    const slow = gate(log, 'slow');
    const held = locks.run('db.c', 'o:1', slow.run);
    await expect(locks.run('db.c', 'o:1', async () => 'never')).rejects.toBeInstanceOf(WriteLockTimeoutError);
    await expect(locks.run('db.c', null, async () => 'never')).rejects.toBeInstanceOf(WriteLockTimeoutError);
    // A document write that arrived behind the timed-out collection-wide one is let in when it leaves.
    const other = locks.run('db.c', 'o:2', async () => 'other');
    expect(await other).toBe('other');
    slow.open();
    await held;
    expect(await locks.run('db.c', null, async () => 'after')).toBe('after');
    expect(locks.activeCollections).toBe(0);
  });

  it('fails the writes queued behind a write that found the database unavailable, at once and with its error', async () => {
    class DatabaseDown extends Error {}
    const locks = new WriteLocks({ failsQueue: (err) => err instanceof DatabaseDown });
    const log: string[] = [];
    const holder = gate(log, 'holder');
    const first = locks.run('db.c', 'o:1', async () => {
      await holder.run();
      throw new DatabaseDown('stalled');
    });
    const queued = [locks.run('db.c', 'o:1', async () => 'ran'), locks.run('db.c', 'o:1', async () => 'ran')];
    const elsewhere = locks.run('db.c', 'o:2', async () => 'other document');
    await tick();
    holder.open();
    await expect(first).rejects.toBeInstanceOf(DatabaseDown);
    for (const q of queued) await expect(q).rejects.toBeInstanceOf(DatabaseDown);
    expect(await elsewhere).toBe('other document');
    // An ordinary failure (a duplicate key, a refused update) leaves the queue alone.
    const plain = locks.run('db.c', null, async () => { throw new Error('duplicate key'); });
    const next = locks.run('db.c', null, async () => 'next');
    await expect(plain).rejects.toThrow('duplicate key');
    expect(await next).toBe('next');
    expect(locks.activeCollections).toBe(0);
  });

  it('holds a document whose write found the database unavailable until it answers again: its next writes are refused at once meanwhile, never sent beside the one that may still land', async () => {
    class DatabaseDown extends Error {}
    const locks = new WriteLocks({ failsQueue: (err) => err instanceof DatabaseDown });
    let answers!: () => void;
    const answering = new Promise<void>((r) => (answers = r));
    const failed = locks.run('db.c', 'o:1', async () => { throw new DatabaseDown('stalled'); }, () => answering);
    await expect(failed).rejects.toBeInstanceOf(DatabaseDown);
    const sent: string[] = [];
    await expect(locks.run('db.c', 'o:1', async () => void sent.push('meanwhile'))).rejects.toBeInstanceOf(DatabaseDown);
    expect(await locks.run('db.c', 'o:2', async () => 'other document')).toBe('other document');
    expect(sent).toEqual([]);
    answers();
    await tick();
    expect(await locks.run('db.c', 'o:1', async () => 'after')).toBe('after');
    expect(locks.activeCollections).toBe(0);
  });
});

describe('documentKey', () => {
  it('names one document only for a plain top-level _id', async () => {
    const { Types } = await import('mongoose');
    const id = new Types.ObjectId();
    expect(documentKey({ _id: id, revision: 3 })).toBe(`o:${id.toHexString()}`);
    expect(documentKey({ _id: { $eq: 'abc' }, usedAt: null })).toBe('s:abc');
    expect(documentKey({ _id: 7 })).toBe('n:7');
    expect(documentKey({ _id: { $in: [id] } })).toBeNull();
    expect(documentKey({ userId: id })).toBeNull();
    expect(documentKey({})).toBeNull();
  });
});
