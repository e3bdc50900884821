/**
 * SQL built from parts: trusted text (this folder's own expressions, made by sql-path.ts) and
 * parameters, numbered only when the whole statement is rendered. Nothing is ever renumbered by
 * searching the text, so no field name, however odd, can be read as a placeholder.
 */

interface Param {
  readonly value: unknown;
  readonly cast: string;
}

type Part = string | Param;

export class Sql {
  constructor(readonly parts: readonly Part[]) {}

  /** Whether this is exactly the literal `text` (TRUE, FALSE), with no parameters. */
  is(text: string): boolean {
    return this.parts.length === 1 && this.parts[0] === text;
  }
}

/** Trusted SQL text: built by this folder from constants and quoted names, never from a value. */
export const text = (trusted: string): Sql => new Sql([trusted]);

/** A bound parameter with its PostgreSQL type. */
export const param = (value: unknown, cast: string): Sql => new Sql([{ value, cast }]);

/** `sql\`a = ${param(1, 'int')}\``: text of the template, fragments spliced in. */
export function sql(strings: TemplateStringsArray, ...fragments: Sql[]): Sql {
  const parts: Part[] = [];
  strings.forEach((s, i) => {
    if (s) parts.push(s);
    if (i < fragments.length) parts.push(...fragments[i]!.parts);
  });
  return new Sql(parts);
}

export function join(fragments: readonly Sql[], separator: string): Sql {
  return new Sql(fragments.flatMap((f, i) => (i === 0 ? f.parts : [separator, ...f.parts])));
}

/** The statement's text with `$1`, `$2`… in order of appearance, and their values. */
export function render(statement: Sql): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const text = statement.parts
    .map((p) => {
      if (typeof p === 'string') return p;
      values.push(p.value);
      return `$${values.length}::${p.cast}`;
    })
    .join('');
  return { text, values };
}

/** A statement on a collection's table, as PostgresReads runs it: its text for the table, and its values. */
export function bound(statement: (table: Sql) => Sql): { text: (table: string) => string; values: unknown[] } {
  // The values do not depend on the table; the text is rendered again for the table it runs on.
  const { values } = render(statement(text('t')));
  return { text: (table) => render(statement(text(table))).text, values };
}
