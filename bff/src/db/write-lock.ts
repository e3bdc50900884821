/**
 * In-process write locks, one set per collection: a write that names one document (`_id`) holds
 * that document's lock, a write that may touch several holds the whole collection. Used by
 * serialised-writes.ts to make conditional writes atomic on FerretDB v1 (see there).
 *
 * Per collection there is a read/write lock whose *shared* side is taken by the per-document
 * writers and whose *exclusive* side by collection-wide writers, plus one mutex per document.
 * A per-document write takes the collection's shared side first, then the document's mutex;
 * always in that order, and never more than one document, so no cycle of waits can form
 * (a waiter for a document mutex waits only for a holder that is running, not waiting).
 * Queues are FIFO, so a collection-wide writer is not starved by a stream of document writers.
 *
 * When the database is down or stalled, a write fails after the driver's timeouts (seconds); the
 * writes queued behind it would each wait for those timeouts again, one after the other. So a
 * write that fails with an error `failsQueue` accepts (database unavailable) fails the writes
 * waiting for the same lock at once with the same error. The wait limit is only a last resort.
 */

export class WriteLockTimeoutError extends Error {
  constructor(what: string, waitedMs: number) {
    super(`Waited ${waitedMs} ms for the write lock of ${what}; the database is too slow or stalled.`);
    this.name = 'WriteLockTimeoutError';
  }
}

type Mode = 'shared' | 'exclusive';
interface Waiter {
  mode: Mode;
  grant: () => void;
  fail: (err: unknown) => void;
}

/** A FIFO read/write lock; a mutex when only `exclusive` is used. */
export class RwLock {
  private shared = 0;
  private exclusive = false;
  private readonly queue: Waiter[] = [];

  /** Set while the holder keeps the lock after an outage (WriteLocks.run): the error new writers get at once. */
  private refusal: unknown = null;

  get idle(): boolean {
    return this.shared === 0 && !this.exclusive && this.queue.length === 0;
  }

  /** Until `until` settles, every new acquirer is refused at once with `err`. */
  refuseWhile(err: unknown, until: Promise<unknown>): Promise<void> {
    this.refusal = err;
    return until.then(
      () => void (this.refusal = null),
      () => void (this.refusal = null),
    );
  }

  /** Resolves with a release function once granted; rejects after `timeoutMs` of waiting. */
  acquire(mode: Mode, timeoutMs: number, what: string): Promise<() => void> {
    if (this.refusal !== null) return Promise.reject(this.refusal);
    return new Promise((resolve, reject) => {
      let released = false;
      const release = () => {
        // Idempotent: a second call must not hand out a slot someone else now holds.
        if (released) return;
        released = true;
        if (mode === 'exclusive') this.exclusive = false;
        else this.shared--;
        this.drain();
      };
      const waiter: Waiter = {
        mode,
        grant: () => {
          clearTimeout(timer);
          resolve(release);
        },
        fail: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const started = Date.now();
      const timer = setTimeout(() => {
        const at = this.queue.indexOf(waiter);
        if (at < 0) return; // granted meanwhile
        this.queue.splice(at, 1);
        // Its leaving may let the waiters behind it in (shared ones behind an exclusive waiter).
        this.drain();
        reject(new WriteLockTimeoutError(what, Date.now() - started));
      }, timeoutMs);
      this.queue.push(waiter);
      this.drain();
    });
  }

  /** Fails every write waiting for this lock (not the holders) with `err`. */
  failWaiters(err: unknown): void {
    for (const waiter of this.queue.splice(0)) waiter.fail(err);
  }

  private drain(): void {
    while (this.queue.length > 0 && !this.exclusive) {
      const next = this.queue[0]!;
      if (next.mode === 'exclusive') {
        if (this.shared > 0) return;
        this.exclusive = true;
      } else {
        this.shared++;
      }
      this.queue.shift();
      next.grant();
    }
  }
}

/** The locks of one collection: its read/write lock and its documents' mutexes. */
class CollectionLocks {
  readonly collection = new RwLock();
  readonly documents = new Map<string, RwLock>();
}

export interface WriteLockOptions {
  /** Longest wait for a lock before WriteLockTimeoutError. */
  timeoutMs?: number;
  /** Whether an error of the holder's write also fails the writes queued behind it. */
  failsQueue?: (err: unknown) => boolean;
}

interface Held {
  release: () => void;
  /** The lock whose queue waits for this holder. */
  lock: RwLock;
}

export class WriteLocks {
  private readonly collections = new Map<string, CollectionLocks>();
  private readonly timeoutMs: number;
  private readonly failsQueue: (err: unknown) => boolean;

  constructor(opts: WriteLockOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.failsQueue = opts.failsQueue ?? (() => false);
  }

  /**
   * Runs `fn` holding the lock of document `docKey` in `namespace` (or of the whole collection
   * when `docKey` is null), and releases it however `fn` ends.
   *
   * A write that failed as unavailable may still be applied when the server wakes (it holds the
   * request), and FerretDB v1 reads, changes and writes back a document with no compare-and-swap:
   * a next write of the same document sent meanwhile could run beside it there, and one of the
   * two would overwrite the other (a change lost after its audit event was recorded). So with
   * `answersAgain`, the lock stays held until it resolves (the database answers again), and new
   * writers of it are refused at once with the same error meanwhile, as the queued ones are.
   */
  async run<T>(namespace: string, docKey: string | null, fn: () => Promise<T>, answersAgain?: () => Promise<void>): Promise<T> {
    const held = await this.acquire(namespace, docKey);
    let holdUntil: Promise<void> | null = null;
    try {
      return await fn();
    } catch (err) {
      // Before releasing, so that no waiter is granted the lock only to meet the same outage.
      if (this.failsQueue(err)) {
        held.lock.failWaiters(err);
        if (answersAgain) holdUntil = held.lock.refuseWhile(err, answersAgain());
      }
      throw err;
    } finally {
      if (holdUntil) void holdUntil.then(held.release);
      else held.release();
    }
  }

  private async acquire(namespace: string, docKey: string | null): Promise<Held> {
    const locks = this.locksOf(namespace);
    const what = docKey === null ? namespace : `${namespace} ${docKey}`;
    if (docKey === null) {
      const release = await this.guard(namespace, locks.collection.acquire('exclusive', this.timeoutMs, what));
      return {
        lock: locks.collection,
        release: () => {
          release();
          this.forget(namespace, locks);
        },
      };
    }
    const releaseShared = await this.guard(namespace, locks.collection.acquire('shared', this.timeoutMs, what));
    let doc = locks.documents.get(docKey);
    if (!doc) locks.documents.set(docKey, (doc = new RwLock()));
    let releaseDoc: () => void;
    try {
      releaseDoc = await doc.acquire('exclusive', this.timeoutMs, what);
    } catch (err) {
      releaseShared();
      this.forgetDocument(locks, docKey, doc);
      this.forget(namespace, locks);
      throw err;
    }
    return {
      lock: doc,
      release: () => {
        releaseDoc();
        this.forgetDocument(locks, docKey, doc);
        releaseShared();
        this.forget(namespace, locks);
      },
    };
  }

  /** Number of collections with a lock held or waited for (tests check nothing leaks). */
  get activeCollections(): number {
    return this.collections.size;
  }

  private locksOf(namespace: string): CollectionLocks {
    let locks = this.collections.get(namespace);
    if (!locks) this.collections.set(namespace, (locks = new CollectionLocks()));
    return locks;
  }

  private async guard(namespace: string, pending: Promise<() => void>): Promise<() => void> {
    try {
      return await pending;
    } catch (err) {
      const locks = this.collections.get(namespace);
      if (locks) this.forget(namespace, locks);
      throw err;
    }
  }

  // Idle locks are dropped so that the maps hold only documents being written right now.
  private forgetDocument(locks: CollectionLocks, docKey: string, doc: RwLock): void {
    if (doc.idle && locks.documents.get(docKey) === doc) locks.documents.delete(docKey);
  }

  private forget(namespace: string, locks: CollectionLocks): void {
    if (locks.collection.idle && locks.documents.size === 0 && this.collections.get(namespace) === locks) {
      this.collections.delete(namespace);
    }
  }
}
