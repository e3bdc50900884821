import { describe, expect, it } from 'vitest';
import { createPasswordTurns } from './password-turns.js';

/** A check that runs until the test lets it finish. */
function controlled() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const check = (name: string) => () => {
    started.push(name);
    return new Promise<string>((resolve) => finish.set(name, () => resolve(name)));
  };
  return { started, finish: (name: string) => finish.get(name)!(), check };
}
const settle = () => new Promise((r) => setImmediate(r));

describe('password turns', () => {
  it('runs at most two checks of one account at once, the others in arrival order; other accounts do not wait', async () => {
    const turns = createPasswordTurns(2);
    const { started, finish, check } = controlled();
    const guesses = Array.from({ length: 20 }, (_, i) => turns.run('Owner@Example.test', check(`guess ${i}`)));
    const owner = turns.run('owner@example.test', check('owner'));
    const other = turns.run('someone.else@example.test', check('other'));
    await settle();
    expect(started).toEqual(['guess 0', 'guess 1', 'other']);
    expect(turns.running('owner@example.test')).toBe(2);

    let peak = 0;
    for (let i = 0; i < 20; i++) {
      finish(`guess ${i}`);
      await settle();
      peak = Math.max(peak, turns.running('owner@example.test'));
    }
    finish('owner');
    finish('other');
    expect(await Promise.all(guesses)).toHaveLength(20);
    expect(await owner).toBe('owner');
    expect(await other).toBe('other');
    expect(peak).toBe(2);
    expect(started.filter((s) => s !== 'other')).toEqual([...Array.from({ length: 20 }, (_, i) => `guess ${i}`), 'owner']);
    expect(turns.running('owner@example.test')).toBe(0);
  });

  it('gives the turn on when a check fails', async () => {
    const turns = createPasswordTurns(1);
    const failed = turns.run('a@example.test', () => Promise.reject(new Error('hashing failed')));
    const next = turns.run('a@example.test', async () => 'next');
    await expect(failed).rejects.toThrow('hashing failed');
    expect(await next).toBe('next');
  });
});
