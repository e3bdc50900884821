import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import de from './de';
import el from './el';
import en from './en';

const RESOURCES = { en, el, de };

/*
 * The message files stay whole: every language has every key English has (and no other), with the
 * same placeholders; every key the code asks for exists; the storefront's own screens carry no
 * English text outside the message files.
 */
type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Map<string, string> =>
  new Map(Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as const] : [...flatten(v, `${prefix}${k}.`)])));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const LANGUAGES = Object.keys(RESOURCES) as (keyof typeof RESOURCES)[];
const NAMESPACES = Object.keys(RESOURCES.en) as (keyof typeof RESOURCES.en)[];
const messages = (lang: keyof typeof RESOURCES, ns: (typeof NAMESPACES)[number]) => flatten(RESOURCES[lang][ns] as unknown as Tree);

describe('the message files', () => {
  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    for (const ns of NAMESPACES) {
      it(`${lang}/${ns}.json has exactly the keys of en/${ns}.json, each with the same placeholders and some text`, () => {
        const en = messages('en', ns);
        const other = messages(lang, ns);
        expect([...other.keys()].filter((k) => !en.has(k)), 'keys English does not have').toEqual([]);
        expect([...en.keys()].filter((k) => !other.has(k)), 'keys missing').toEqual([]);
        for (const [key, text] of en) {
          expect(placeholders(other.get(key)!), `${lang}:${ns}:${key}`).toEqual(placeholders(text));
          expect(other.get(key)!.trim(), `${lang}:${ns}:${key} is empty`).not.toBe('');
        }
      });
    }
  }
});

const SRC = path.resolve(import.meta.dirname, '..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
const relative = (file: string) => path.relative(SRC, file).split(path.sep).join('/');

describe('keys used in the code', () => {
  const known = new Set(NAMESPACES.flatMap((ns) => [...messages('en', ns).keys()].flatMap((k) => [k, `${ns}:${k}`])));
  // A plural key is asked for without its suffix.
  for (const k of [...known]) if (/_(one|other)$/.test(k)) known.add(k.replace(/_(one|other)$/, ''));
  const uses = sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*(['`])((?:(?!\1).)+)\1/g)].map((m) => ({ file: relative(file), quote: m[1], key: m[2]! })),
  );

  it('finds the calls (the scan itself works)', () => {
    expect(uses.length).toBeGreaterThan(150);
  });

  it('every key asked for exists in English (and so, by the test above, in every language)', () => {
    const missing = uses.filter(({ quote, key }) => {
      if (quote === "'") return !known.has(key);
      // A template key (`status.${s}`): some key must fit its shape.
      const shape = new RegExp(`^${key.split(/\$\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\w-]+')}$`);
      return ![...known].some((k) => shape.test(k));
    });
    expect(missing).toEqual([]);
  });
});

/**
 * The storefront's own screens (not shared with staff) show no text but from the message files:
 * no English between JSX tags, nor in the attributes a person reads or hears.
 */
// (order-for-customer-dialog.tsx lives with the catalogue but is the reseller's: staff screens are English.
// So are the invoices' payment and credit-note dialogs and the credit settings: the reseller's alone.)
const STAFF_FILES = [
  'features/storefront/components/order-for-customer-dialog.tsx',
  'features/invoices/components/invoice-dialogs.tsx',
  'features/invoices/components/credit-settings.tsx',
];
// The invoices' page, panel and table are the storefront's Invoices page (shared with staff, who read them in English).
const STOREFRONT_ONLY = [
  'features/storefront/components',
  'features/profile/components',
  'features/invoices/components',
  'app/layout/user-menu.tsx',
  'app/layout/storefront-layout.tsx',
  'app/routes/storefront-routes.tsx',
];

describe('no untranslated text on the storefront’s screens', () => {
  const files = sourceFiles(SRC).filter((f) => f.endsWith('.tsx') && STOREFRONT_ONLY.some((p) => relative(f).startsWith(p)) && !STAFF_FILES.includes(relative(f)));

  it('scans the storefront’s components', () => {
    expect(files.length).toBeGreaterThan(8);
  });

  it.each(files.map(relative))('%s', (file) => {
    const code = readFileSync(path.join(SRC, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const between = [...code.matchAll(/>([^<>{}]*[A-Za-z]{2,}[^<>{}]*)</g)].map((m) => m[1]!.trim())
      // Type arguments and comparisons (`useState<X>(…)`, `a > b`) are code, not text.
      .filter((text) => text && !/[;=()[\]]|=>|&&|\|\|/.test(text));
    const attributes = [...code.matchAll(/\b(label|placeholder|title|aria-label|description|message|alt)=["']([^"']*[A-Za-z]{2,}[^"']*)["']/g)].map((m) => `${m[1]}="${m[2]}"`);
    // Literals inside JavaScript that read as prose (a capital, then lower-case words with a space).
    const prose = [...code.matchAll(/(['`])([A-Z][a-z]+(?: [a-z’']+){1,}[^'`]*)\1/g)].map((m) => m[2]!);
    expect([...between, ...attributes, ...prose]).toEqual([]);
  });
});
