import mongoose from 'mongoose';

type Started = mongoose.mongo.CommandStartedEvent;
type Succeeded = mongoose.mongo.CommandSucceededEvent;
type Reply = { n?: number; nModified?: number; upserted?: unknown[]; lastErrorObject?: { n?: number }; value?: unknown };

/** Commands that change data or schema; any of them succeeding with an effect is a write. */
const WRITES: Record<string, (reply: Reply) => number> = {
  insert: (r) => r.n ?? 0,
  update: (r) => (r.nModified ?? r.n ?? 0) + (r.upserted?.length ?? 0),
  delete: (r) => r.n ?? 0,
  findAndModify: (r) => r.lastErrorObject?.n ?? (r.value ? 1 : 0),
  create: () => 1,
  drop: () => 1,
  dropDatabase: () => 1,
  createIndexes: () => 1,
  dropIndexes: () => 1,
  renameCollection: () => 1,
};

/**
 * Every write the database carried out, as the driver saw it (useTestDatabase connects with
 * monitorCommands): cheap enough to check after each of thousands of requests, where hashing the
 * whole database (db-snapshot.ts) is kept for the before/after of a whole run.
 */
export function journalWrites() {
  const client = mongoose.connection.getClient();
  const pending = new Map<number, { command: string; collection: string }>();
  const written: string[] = [];
  const onStarted = (e: Started) => {
    if (e.commandName in WRITES) pending.set(e.requestId, { command: e.commandName, collection: String(e.command[e.commandName]) });
  };
  const onSucceeded = (e: Succeeded) => {
    const started = pending.get(e.requestId);
    if (!started) return;
    pending.delete(e.requestId);
    const n = WRITES[started.command]!(e.reply as Reply);
    if (n > 0) written.push(`${started.command} ${started.collection} (${n})`);
  };
  const onFailed = (e: { requestId: number }) => pending.delete(e.requestId);
  client.on('commandStarted', onStarted);
  client.on('commandSucceeded', onSucceeded);
  client.on('commandFailed', onFailed);
  return {
    /** The writes since the last call (or since the journal began), and forgets them. */
    take: (): string[] => written.splice(0),
    stop() {
      client.off('commandStarted', onStarted);
      client.off('commandSucceeded', onSucceeded);
      client.off('commandFailed', onFailed);
    },
  };
}
