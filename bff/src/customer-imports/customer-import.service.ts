import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Types } from 'mongoose';
import { CUSTOMER_IMPORT_MAX_BYTES, CUSTOMER_IMPORT_MAX_ROWS, type ImportOutcome } from '@app/shared';
import { createCustomer, updateCustomer } from '../customers/customer.service.js';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../errors/app-error.js';
import { customerImportPolicy } from '../policies/customer-import.js';
import { activeCategories, categoryLevelsChange } from '../price-levels/customer-price-levels.js';
import { levelsOfReseller } from '../price-levels/customer-pricing.js';
import { addStorefrontUser, type MailContext } from '../storefront-users/storefront-user.service.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import { CustomerImport, CustomerImportBatch } from './customer-import.model.js';
import { fileRows, UnreadableFileError } from './import-reader.js';
import { columnsOf, decideRows, isBlank, valuesOf, type DecidedRow, type ImportContext, type RowValues } from './import-rows.js';

/** Rows decided (one query per collection) and written (one insert) at a time. */
const BATCH = 500;
/** Rows applied at the same time: an import must not crowd out everyone else's requests. */
const PARALLEL = 4;

type Counts = Record<ImportOutcome, number>;
const zero = (): Counts => ({ create: 0, update: 0, unchanged: 0, refused: 0 });

async function importContext(actor: Actor): Promise<ImportContext> {
  const [levels, categories] = await Promise.all([levelsOfReseller(actor.scope, actor.principal.resellerId!), activeCategories(actor.scope)]);
  return {
    levelsByName: new Map(levels.map((l) => [l.name.toLowerCase(), l._id.toHexString()])),
    defaultLevelId: levels.find((l) => l.isDefault)!._id.toHexString(),
    categories,
  };
}

/** Writes the upload to a temporary file, refusing (413) past the size limit: the file is never held in memory. */
async function saveUpload(upload: Readable, file: string): Promise<void> {
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > CUSTOMER_IMPORT_MAX_BYTES) done(new AppError('payload_too_large', `The file is larger than ${CUSTOMER_IMPORT_MAX_BYTES / 1024 / 1024} MB.`));
      else done(null, chunk);
    },
  });
  await pipeline(upload, limit, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  if (bytes === 0) throw validationFailed({ file: 'The file is empty.' }, 'The file is empty.');
}

const storedRow = (d: { rowNumber: number; outcome: ImportOutcome; reasons: string[]; values: RowValues }) => ({
  rowNumber: d.rowNumber,
  outcome: d.outcome,
  reasons: d.reasons,
  email: d.values.email.toLowerCase(),
  companyName: d.values.companyName,
  values: d.values,
});

/**
 * The dry run: streams the uploaded xlsx or csv (never whole in memory), decides every row as it
 * is now (create, update, unchanged, refused and why) and keeps the normalised rows under the
 * import's id, where confirming finds them. Nothing else is written.
 */
export async function checkImport(actor: Actor, upload: Readable, fileName: string, sendActivation: boolean) {
  customerImportPolicy.authorize(actor.principal, 'customerImport.create', undefined, forbidden);
  const importId = new Types.ObjectId();
  const file = path.join(tmpdir(), `customer-import-${randomUUID()}`);
  const counts = zero();
  let rows = 0;
  try {
    await saveUpload(upload, file);
    const ctx = await importContext(actor);
    const seen = { customers: new Map<string, number>(), users: new Map<string, number>() };
    let columns: ReturnType<typeof columnsOf> | null = null;
    let batch: { rowNumber: number; values: RowValues }[] = [];
    let index = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const decided = await decideRows(actor.scope, ctx, batch, seen);
      for (const d of decided) counts[d.outcome]++;
      const { distributorId, resellerId } = actor.principal;
      await scopedDoc(new CustomerImportBatch({ distributorId, resellerId, importId, index: index++, lastRow: batch.at(-1)!.rowNumber, rows: decided.map(storedRow) }), actor.scope).save();
      batch = [];
    };
    for await (const row of fileRows(file)) {
      if (!columns) {
        if (row.cells.every((c) => c.trim() === '')) continue;
        columns = columnsOf(row.cells);
        continue;
      }
      const values = valuesOf(row.cells, columns);
      if (isBlank(values)) continue;
      if (++rows > CUSTOMER_IMPORT_MAX_ROWS) throw validationFailed({ file: 'Too many rows' }, `The file has more than ${CUSTOMER_IMPORT_MAX_ROWS.toLocaleString('en')} rows; split it.`);
      batch.push({ rowNumber: row.rowNumber, values });
      if (batch.length === BATCH) await flush();
    }
    if (!columns) throw validationFailed({ file: 'The file has no rows.' }, 'The file has no rows: start from the template.');
    await flush();
    const doc = scopedDoc(
      new CustomerImport({
        _id: importId, distributorId: actor.principal.distributorId, resellerId: actor.principal.resellerId, fileName, state: 'checked', sendActivation, rows,
        checked: counts, applied: null, createdByUserId: actor.principal.userId, createdByName: actor.principal.displayName,
      }),
      actor.scope,
    );
    await doc.save();
    return doc.toObject();
  } catch (err) {
    await scoped(CustomerImportBatch.deleteMany({ importId }), actor.scope);
    // A file that is not a workbook nor csv text reads as garbage: say so rather than 500.
    if (err instanceof AppError) throw err;
    if (err instanceof UnreadableFileError) {
      throw validationFailed({ file: 'Unreadable' }, 'The file could not be read as xlsx or csv: start from the template.');
    }
    throw err;
  } finally {
    await rm(file, { force: true });
  }
}

export async function getImport(actor: Actor, id: string) {
  customerImportPolicy.authorize(actor.principal, 'customerImport.list', undefined, forbidden);
  if (!Types.ObjectId.isValid(id)) throw notFound('The import');
  const found = await scoped(CustomerImport.findById(id), actor.scope).lean();
  if (!found) throw notFound('The import');
  return found;
}

export async function listImports(actor: Actor) {
  customerImportPolicy.authorize(actor.principal, 'customerImport.list', undefined, forbidden);
  return scoped(CustomerImport.find({}).sort({ createdAt: -1, _id: -1 }).limit(50), actor.scope).lean();
}

/** The report's rows after row `after`, of one outcome or all, read batch by batch. */
export async function importRows(actor: Actor, id: string, q: { outcome?: ImportOutcome | undefined; after: number; limit: number }) {
  const found = await getImport(actor, id);
  const items: ReturnType<typeof storedRow>[] = [];
  let after = q.after;
  for (;;) {
    const batches = await scoped(CustomerImportBatch.find({ importId: found._id, lastRow: { $gt: after } }).sort({ lastRow: 1 }).limit(4), actor.scope).lean();
    for (const b of batches) {
      for (const r of b.rows as ReturnType<typeof storedRow>[]) {
        if (r.rowNumber <= q.after || (q.outcome && r.outcome !== q.outcome)) continue;
        items.push(r);
        if (items.length === q.limit) return { items, nextAfter: r.rowNumber };
      }
      after = b.lastRow;
    }
    if (batches.length < 4) return { items, nextAfter: null };
  }
}

/**
 * Applies one decided row through the services a person would use one at a time: createCustomer /
 * updateCustomer, the price levels' per-customer change, addStorefrontUser (its activation email
 * only when the importer ticked it). Answers what it did, with anything that went wrong.
 */
async function applyRow(actor: Actor, mail: MailContext, d: DecidedRow, sendActivation: boolean, levelChange: (levelId: string) => Promise<(id: string) => Promise<unknown>>) {
  const reasons: string[] = [];
  let id = d.existing?.id ?? null;
  if (d.outcome === 'create') id = String((await createCustomer(actor, d.customer!)).customer._id);
  else if (d.changes.fields) {
    const c = d.customer!;
    await updateCustomer(actor, id!, { ...c, revision: d.existing!.revision });
  }
  if (d.changes.level) await (await levelChange(d.levelId!))(id!);
  if (d.changes.user) {
    try {
      await addStorefrontUser(actor, mail, id!, d.user!, { sendActivation });
    } catch (err) {
      if (!(err instanceof AppError) || d.outcome !== 'create') throw err;
      // The customer was created; its user could not be: the row says so.
      reasons.push(`User not added: ${err.message}`);
    }
  }
  return reasons;
}

/** How long an applying request holds an import without finishing a batch (500 rows) before another may take it up. */
const APPLY_LEASE_MS = 10 * 60_000;

/**
 * Confirms a checked import: once (checked → applying is one conditional update; a second
 * confirmation is 409), rows decided again as things are now (a row the dry run saw as new may
 * have been created meanwhile), each applied on its own and audited with the import's id (the
 * events' request id is `import:<id>`).
 */
export async function applyImport(actor: Actor, mail: MailContext, id: string) {
  const found = await getImport(actor, id);
  customerImportPolicy.authorize(actor.principal, 'customerImport.apply', found, () => conflict('This import was already confirmed.'));
  // Checked, or left applying by a process that stopped (its lease lapsed): one caller takes it.
  const now = new Date();
  const claimed = await scoped(
    CustomerImport.findOneAndUpdate(
      { _id: found._id, $or: [{ state: 'checked' }, { state: 'applying', leaseUntil: { $lt: now } }, { state: 'applying', leaseUntil: null }] },
      { $set: { state: 'applying', leaseUntil: new Date(now.getTime() + APPLY_LEASE_MS) } },
      { returnDocument: 'after' },
    ),
    actor.scope,
  ).lean();
  if (!claimed) throw conflict('This import was already confirmed.');
  const renewLease = async () => {
    const held = await scoped(
      CustomerImport.updateOne({ _id: found._id, state: 'applying', leaseUntil: claimed.leaseUntil }, { $set: { leaseUntil: (claimed.leaseUntil = new Date(Date.now() + APPLY_LEASE_MS)) } }),
      actor.scope,
    );
    // Taken over by another caller after a lapse: this one stops, the other goes on.
    if (held.modifiedCount !== 1) throw conflict('This import is being applied by another request.');
  };
  const importActor: Actor = { ...actor, client: { ...actor.client, requestId: `import:${id}` } };
  const ctx = await importContext(actor);
  const changes = new Map<string, Promise<(id: string) => Promise<unknown>>>();
  const levelChange = (levelId: string) => {
    if (!changes.has(levelId)) changes.set(levelId, categoryLevelsChange(importActor, ctx.categories.map((category) => ({ category, levelId }))));
    return changes.get(levelId)!;
  };
  // Every row's last outcome, batch by batch: refused in the dry run, or what applying did.
  const counts = zero();
  for (let index = 0; ; index++) {
    const batch = await scoped(CustomerImportBatch.findOne({ importId: found._id, index }), actor.scope).lean();
    if (!batch) break;
    const rows = batch.rows as ReturnType<typeof storedRow>[];
    // Applied before an interruption: its outcomes stand as written.
    if (batch.applied) {
      for (const r of rows) counts[r.outcome as keyof typeof counts]++;
      continue;
    }
    const pending = rows.filter((r) => r.outcome !== 'refused');
    const decided = await decideRows(actor.scope, ctx, pending.map((r) => ({ rowNumber: r.rowNumber, values: r.values })), null);
    const results = new Map<number, { outcome: ImportOutcome; reasons: string[] }>();
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < decided.length) {
          const d = decided[next++]!;
          if (d.outcome === 'refused' || d.outcome === 'unchanged') {
            results.set(d.rowNumber, { outcome: d.outcome, reasons: d.reasons });
            continue;
          }
          try {
            results.set(d.rowNumber, { outcome: d.outcome, reasons: await applyRow(importActor, mail, d, claimed.sendActivation, levelChange) });
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            results.set(d.rowNumber, { outcome: 'refused', reasons: [err.message] });
          }
        }
      }),
    );
    const applied = rows.map((r) => ({ ...r, ...(results.get(r.rowNumber) ?? {}) }));
    for (const r of applied) counts[r.outcome as keyof typeof counts]++;
    await scoped(CustomerImportBatch.updateOne({ _id: batch._id }, { $set: { rows: applied, applied: true } }), actor.scope);
    await renewLease();
  }
  return scoped(
    CustomerImport.findOneAndUpdate({ _id: found._id, state: 'applying', leaseUntil: claimed.leaseUntil }, { $set: { state: 'applied', applied: counts, appliedAt: new Date(), leaseUntil: null } }, { returnDocument: 'after' }),
    actor.scope,
  ).lean();
}
