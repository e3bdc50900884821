// Run after the whole suite (`pnpm test:unit`, second step): the shapes of every query the
// application sent during the run, each served by a declared index (query-shapes.ts).
import path from 'node:path';
import { expect, it } from 'vitest';
import { checkQueryShapes } from './query-shapes-check.js';

const dir = path.resolve(import.meta.dirname, '../../../.tmp/query-shapes');

it('every query shape the test suite sent is served by a declared index (tenant key first, then the sort)', async () => {
  const { shapes, unserved } = await checkQueryShapes(dir);
  expect(shapes, 'no query shapes recorded: run the whole suite first (pnpm test:unit)').toBeGreaterThan(50);
  expect(unserved, 'declare an index in the model (what MongoDB uses in production), or change the query').toEqual([]);
});
