import { describe, expect, it } from 'vitest';
import { ferretDbPostgresUrl } from './embedded-ferretdb.js';

describe('FerretDB’s PostgreSQL URL', () => {
  it('opens the whole pool at start, at pgxpool’s own size, and keeps a size the operator set', () => {
    const u = new URL(ferretDbPostgresUrl('postgres://postgres@127.0.0.1:5432/ferretdb'));
    const size = Number(u.searchParams.get('pool_max_conns'));
    expect(size).toBeGreaterThanOrEqual(4);
    expect(u.searchParams.get('pool_min_conns')).toBe(String(size));
    expect(u.searchParams.get('plan_cache_mode')).toBe('force_custom_plan');

    const own = new URL(ferretDbPostgresUrl('postgres://postgres@db.example:5432/ferretdb?pool_max_conns=2'));
    expect([own.searchParams.get('pool_max_conns'), own.searchParams.get('pool_min_conns')]).toEqual(['2', '2']);
  });
});
