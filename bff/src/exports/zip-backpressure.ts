import { once } from 'node:events';
import type { Writable } from 'node:stream';

/*
 * Backpressure through exceljs's streaming writer. RELIES ON INTERNALS OF exceljs 4.4.0 (pinned
 * exactly in bff/package.json, with archiver 5.3.2 under it; re-read lib/stream/xlsx/workbook-writer.js,
 * worksheet-writer.js, lib/utils/stream-buf.js and archiver-utils' normalizeInputSource before
 * changing the version — the tests in write-xlsx.test.ts fail if the shape moves).
 *
 * What exceljs does with a committed row: the worksheet writes its XML into `worksheet.stream`, a
 * `StreamBuf` (batch mode, 64 KB buffers) that it appends to archiver as a zip entry. StreamBuf is
 * no real stream (no `_readableState`), so archiver-utils wraps it at once: `StreamBuf.pipe(p)`
 * into a readable-stream 2.x PassThrough `p`, which archiver later pipes into zlib (compress-commons'
 * DeflateCRC32Stream) → zip-stream → archiver → the HTTP response. From `p` on, every hop is an
 * ordinary pipe and honours backpressure; the first hop does not: `StreamBuf.write` always returns
 * true and hands each full 64 KB buffer to `p.write()` ignoring its answer, and `row.commit()`
 * returns nothing to wait on. Memory would grow with the row count whenever the client or zlib is
 * slower than the database — measured: 1.9 M rows queued in a second into a client that stopped
 * reading.
 *
 * So we watch `p`'s writable side: when its buffer has reached AHEAD_LIMIT (zlib is behind, or
 * everything after it up to the socket is full), the writer waits for `p`'s 'drain'. At most one
 * 64 KB buffer in StreamBuf, AHEAD_LIMIT in `p`, and each later stream's buffers are held: ~1.5 MB
 * whatever the row count (see AHEAD_LIMIT). Should StreamBuf ever be unpiped, its own buffered bytes are capped at
 * `DETACHED_LIMIT` instead. Any wait ends when the export is aborted (the client went away).
 */
const DETACHED_LIMIT = 1 << 20;

interface ReadWriteBuf {
  length: number;
}
/** A Node or readable-stream 2.x writable: the latter has no `writableNeedDrain`. */
type Dest = Writable & { _writableState?: { length: number; highWaterMark: number } };
interface StreamBuf {
  buffers: ReadWriteBuf[];
  pipes: Dest[];
  pipe(dest: Dest): unknown;
}

/**
 * How far the writer may run ahead of zlib. Waiting at `p`'s own 16 KB mark would wait after every
 * 64 KB buffer for zlib (in the thread pool) to take it — measured 25 % slower than raw exceljs;
 * with 1 MB, zlib compresses while the next rows are made, and the writer waits only when it is
 * really behind (or the client is), for `p` to drain.
 */
const AHEAD_LIMIT = 1 << 20;
const full = (dest: Dest): boolean => {
  const state = dest._writableState;
  return state ? state.length >= AHEAD_LIMIT : dest.writableNeedDrain;
};

interface Archiver {
  on(event: 'error', listener: (err: unknown) => void): unknown;
  abort(): unknown;
}

export interface ZipPipeline {
  /** True when the writer should stop feeding rows until `wait()` resolves. */
  readonly blocked: boolean;
  /** Resolves when rows may flow again, or when `signal` aborts. */
  wait(): Promise<void>;
  /** The first error archiver reported, if any (listening also keeps it from crashing the process). */
  readonly error: unknown;
  /** Drops the half-written zip (client gone, or the rows failed). */
  abort(): void;
}

const internalsChanged = (what: string) =>
  new Error(`exceljs internals changed (${what} is not as in 4.4.0): see bff/src/exports/zip-backpressure.ts`);

export function zipPipeline(workbook: object, worksheet: object, signal: AbortSignal): ZipPipeline {
  const zip = (workbook as { zip?: Archiver }).zip;
  if (typeof zip?.on !== 'function' || typeof zip.abort !== 'function') throw internalsChanged('workbook.zip');
  const buf = (worksheet as { stream?: StreamBuf }).stream!;
  if (!Array.isArray(buf?.buffers) || !Array.isArray(buf.pipes) || typeof buf.pipe !== 'function') throw internalsChanged('worksheet.stream');
  let error: unknown = null;
  zip.on('error', (err) => (error ??= err));
  let attached: Promise<void> | null = null;
  if (buf.pipes.length === 0) {
    attached = new Promise((resolve) => {
      const pipe = buf.pipe.bind(buf);
      buf.pipe = (dest: Dest) => {
        const result = pipe(dest);
        resolve();
        return result;
      };
    });
  }
  const buffered = () => {
    let total = 0;
    for (const b of buf.buffers) total += b.length;
    return total;
  };

  return {
    get error() {
      return error;
    },
    abort: () => void zip.abort(),
    get blocked() {
      const dest = buf.pipes[0];
      return dest ? full(dest) : buffered() > DETACHED_LIMIT;
    },
    async wait() {
      try {
        while (!signal.aborted && this.blocked) {
          const dest = buf.pipes[0];
          if (dest) await once(dest, 'drain', { signal });
          else await Promise.race([attached, once(signal, 'abort')]);
        }
      } catch (err) {
        if (!signal.aborted) throw err;
      }
    },
  };
}
