/**
 * Preloaded into a BFF process that a memory test starts (`startBff` with `--expose-gc`, this file
 * as an `--import`, and an IPC channel). Import only its types elsewhere: without --expose-gc it throws.
 *
 * It answers two messages:
 * - 'exports': how this process's exports stand (outcomes, open cursors), at once;
 * - 'heap': the same after a full garbage collection, with the memory still held, and how many
 *   export responses and workbook writers are still alive. Counting those objects (WeakRefs) is
 *   exact where bytes are not: a retained response is a few KB among tens of MB of heap.
 *
 * The app is not changed; the probe only watches it: responses through Node's own diagnostics
 * channel, workbook writers by wrapping exceljs's WorkbookWriter class, which write-xlsx.ts looks
 * up on `ExcelJS.stream.xlsx` each time it starts an export.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import ExcelJS from 'exceljs';
import { openExportCursors } from '../exports/cursor-rows.js';
import { exportOutcomes } from '../exports/send-xlsx.js';

export interface ExportsProbe {
  outcomes: ReturnType<typeof exportOutcomes>;
  openCursors: number;
}

export interface HeapProbe extends ExportsProbe {
  /** V8's heap in use. */
  heapUsed: number;
  /** Memory outside V8's heap that JavaScript objects hold: Buffers (zip chunks, BSON batches), zlib's state. */
  external: number;
  /** Export responses and workbook writers not yet collected. */
  alive: { responses: number; workbooks: number };
}

const gc = globalThis.gc;
if (!gc) throw new Error('heap-probe.ts needs node --expose-gc');

const responses = new Set<WeakRef<object>>();
const workbooks = new Set<WeakRef<object>>();
const alive = (refs: Set<WeakRef<object>>) => {
  for (const ref of refs) if (!ref.deref()) refs.delete(ref);
  return refs.size;
};

subscribe('http.server.request.start', (message) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  if (request.url?.includes('/export.xlsx')) responses.add(new WeakRef(response));
});

const xlsx = ExcelJS.stream.xlsx;
const WorkbookWriter = xlsx.WorkbookWriter;
xlsx.WorkbookWriter = class extends WorkbookWriter {
  constructor(...args: ConstructorParameters<typeof WorkbookWriter>) {
    super(...args);
    workbooks.add(new WeakRef(this));
  }
};

const exportsNow = (): ExportsProbe => ({ outcomes: exportOutcomes(), openCursors: openExportCursors() });

process.on('message', (message) => {
  if (message === 'exports') process.send!(exportsNow());
  if (message !== 'heap') return;
  // Synchronous, so that a probe taken mid-export sees the export as it is at that moment. What
  // is freed only by callbacks after a collection (closed sockets, cursors) shows in a later probe.
  gc();
  gc();
  const { heapUsed, external } = process.memoryUsage();
  const answer: HeapProbe = { ...exportsNow(), heapUsed, external, alive: { responses: alive(responses), workbooks: alive(workbooks) } };
  process.send!(answer);
});
