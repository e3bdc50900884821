import type { Query } from 'mongoose';

let open = 0;
/** Export cursors open in this process right now (tests check that an aborted export closed its own). */
export const openExportCursors = (): number => open;

/**
 * The rows of a query as an export source: a database cursor fetched `batchSize` documents at a
 * time, opened on the first row asked for and closed when the iteration ends for any reason —
 * the last row, an error, or the export stopping early (the client went away), which calls
 * `return()` on this generator. Give it a lean, scoped query (`scoped(Model.find(f).sort(s).lean(), scope)`).
 */
export async function* cursorRows<T>(query: Query<T[], unknown>, batchSize = 1000): AsyncGenerator<T, void, undefined> {
  const cursor = query.cursor({ batchSize });
  open++;
  try {
    for (let doc = await cursor.next(); doc !== null; doc = await cursor.next()) yield doc as T;
  } finally {
    open--;
    await cursor.close();
  }
}
