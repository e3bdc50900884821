// Every test worker records the shapes of the application's queries (query-shapes.ts).
import path from 'node:path';
import { inject } from 'vitest';
import { recordQueryShapes } from './query-shapes.js';

const dir = inject('queryShapesDir');
if (dir) recordQueryShapes(path.join(dir, `${process.pid}.jsonl`));
