import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The BFF drawn as a house: each folder under src/ is a room (a file at the top is a room of its
 * own), each relative import an arrow. ESLint's no-cycle sees loops between files only; these
 * tests see them between rooms, and keep the bottom layers free of any feature.
 */
const SRC = path.dirname(fileURLToPath(import.meta.url));

/** Know no feature: a feature builds on them, never the other way round. */
const BOTTOM = ['db', 'http', 'tenancy', 'errors', 'lib', 'policies', 'exports', 'config.ts', 'logger.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const roomOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;

function arrows(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = roomOf(file);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const to = roomOf(path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')));
      if (to !== from) graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Rooms that reach each other through arrows (strongly connected, more than one room). */
function loops(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the structure drawn from imports', () => {
  const graph = arrows();

  it('has no loop between folders', () => {
    expect(loops(graph)).toEqual([]);
  });

  it('keeps the bottom layers (HTTP kit, tenancy, errors, policies) free of features', () => {
    const upward = BOTTOM.flatMap((room) => [...(graph.get(room) ?? [])].filter((to) => !BOTTOM.includes(to)).map((to) => `${room} -> ${to}`));
    expect(upward).toEqual([]);
  });

  it('finds the arrows it checks (the walk is not empty)', () => {
    expect(graph.get('customers')).toContain('tenancy');
    expect(graph.get('http')).toContain('errors');
  });
});
