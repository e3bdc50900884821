// Every test worker records the shapes of the application's queries (query-shapes.ts).
import path from 'node:path';
import { inject } from 'vitest';
import { shareShapeCounts } from '../db/postgres-reads/differential-check.js';
import { recordQueryShapes } from './query-shapes.js';

const dir = inject('queryShapesDir');
if (dir) {
  recordQueryShapes(path.join(dir, `${process.pid}.jsonl`));
  // The differential check's budget per query shape is the whole run's, not each file's.
  shareShapeCounts(path.join(dir, 'differential-counts'));
}
