import { afterEach, describe, expect, it } from 'vitest';
import { checkCount, ReadMismatchError } from './differential-check.js';
import { forgetMismatches, readStats } from './read-stats.js';

/** The check's judgement of a difference, with reads that are plain functions (no database needed). */
describe('the differential check', () => {
  afterEach(() => forgetMismatches());

  it('fails a count that differs while nothing moves', async () => {
    await expect(checkCount('orders', { filter: {} }, 29, async () => 29, async () => 30)).rejects.toBeInstanceOf(ReadMismatchError);
    expect(readStats().mismatches).toEqual([expect.stringContaining('29 vs FerretDB 30')]);
  });

  it('passes a count that two processes keep moving, each read a step behind the other', async () => {
    // The failure CI saw: deliveries being sent while the count is compared (29 vs FerretDB 30).
    let sent = 29;
    const ours = async () => sent;
    const theirs = async () => ++sent;
    await expect(checkCount('deliveries', { filter: {} }, 29, ours, theirs)).resolves.toBeUndefined();
    expect(readStats().mismatches).toEqual([]);
  });

  it('passes a count once the data settles on the answer', async () => {
    let reads = 0;
    const theirs = async () => (++reads < 4 ? 30 + reads : 33);
    let ours = 30;
    await expect(checkCount('orders', { filter: {} }, 30, async () => ++ours, theirs)).resolves.toBeUndefined();
  });
});
