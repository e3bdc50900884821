// Prints one closing line for the whole run from the vitest and Playwright JSON reports:
// "Tests: N passed, M failed" (a plain line CI can read whatever the runners).
import { readFileSync } from 'node:fs';

const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};
const unit = read('.tmp/vitest-results.json');
const e2e = read('e2e/test-results/results.json');
const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0);
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (!unit || !e2e) console.log(`(missing report: ${!unit ? 'unit/integration ' : ''}${!e2e ? 'browser' : ''})`);
