import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { statusOf, toAppError } from './error-handler.js';

/** An error as the driver builds it from FerretDB's answer (errmsg as FerretDB v1.24 words it). */
const ferretDbError = (errmsg: string) => new mongoose.mongo.MongoServerError({ ok: 0, errmsg, code: 1, codeName: 'InternalError' });
const answer = (err: unknown) => {
  const appError = toAppError(err);
  return { status: statusOf(appError), code: appError.code };
};

describe('toAppError: FerretDB losing its PostgreSQL', () => {
  it.each([
    // Seen: PostgreSQL's backend ended (pg_terminate_backend, a fast shutdown) under a write.
    '[msg_update.go:117 handler.(*Handler).updateDocument] [collection.go:109 postgresql.(*collection).Query] FATAL: terminating connection due to administrator command (SQLSTATE 57P01)',
    '[msg_insert.go:90 handler.(*Handler).insert] FATAL: terminating connection due to crash of another server process (SQLSTATE 57P02)',
    '[msg_insert.go:90 handler.(*Handler).insert] FATAL: the database system is shutting down (SQLSTATE 57P03)',
    '[msg_insert.go:90 handler.(*Handler).insert] FATAL: connection failure (SQLSTATE 08006)',
    '[pool.go:120 pool.(*Pool).Acquire] failed to connect to `host=127.0.0.1 user=postgres database=postgres`: dial error (dial tcp 127.0.0.1:5432: connect: connection refused)',
    '[msg_update.go:117 handler.(*Handler).updateDocument] conn closed',
    '[msg_update.go:117 handler.(*Handler).updateDocument] read tcp 127.0.0.1:40000->127.0.0.1:5432: read: connection reset by peer',
    '[msg_update.go:117 handler.(*Handler).updateDocument] unexpected EOF',
  ])('%s → 503 database_unavailable', (errmsg) => {
    expect(answer(ferretDbError(errmsg))).toEqual({ status: 503, code: 'database_unavailable' });
  });

  it('leaves other server errors 500 (a bug is not an outage)', () => {
    expect(answer(ferretDbError('[msg_update.go:117] ERROR: invalid input syntax for type json (SQLSTATE 22P02)'))).toEqual({ status: 500, code: 'internal' });
    expect(answer(new Error('FATAL: terminating connection due to administrator command (SQLSTATE 57P01)'))).toEqual({ status: 500, code: 'internal' });
  });
});
