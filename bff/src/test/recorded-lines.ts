import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The distinct lines of every `*<ext>` file in `dir`: what the test workers recorded, each into a
 * file of its own (query shapes, read fallbacks). None when nothing was recorded.
 */
export function distinctLinesOf(dir: string, ext: string): string[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(ext));
  } catch {
    return [];
  }
  return [...new Set(files.flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean)))];
}
