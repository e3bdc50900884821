import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/** Stable ObjectIds derived from a name, so the demo data set is the same on every load. */
export function demoId(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`demo:${key}`).digest('hex').slice(0, 24));
}

/** A small seeded PRNG (mulberry32): the same sequence for the same seed, everywhere. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;
