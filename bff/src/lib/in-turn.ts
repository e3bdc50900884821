/**
 * Runs `work` after every earlier call with the same key (in this process) has settled: callers
 * that would race on one document — the optimistic retries of a hot counter or a tenant's kept
 * figures — queue here instead of failing each other's conditional writes round after round (50
 * racers made that 50² writes). It only orders this process; correctness across processes still
 * rests on the writes' own conditions.
 */
const queues = new Map<string, Promise<unknown>>();

export function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const mine = before.then(work);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return mine;
}

/** How many keys have callers queued or running (tests: nothing is left behind). */
export const keysInTurn = () => queues.size;
