/**
 * The text of a spreadsheet cell, made safe and exact.
 *
 * Formula injection (OWASP "CSV injection", ASVS 5.0 V1.2.10): a cell whose text starts with `=`,
 * `@`, tab or carriage return is run as a formula by a spreadsheet once someone edits the cell or
 * saves the sheet as CSV. Such text gets a leading single quote `'` — the standard escape: the rest
 * of the text stays exactly as it was, and the quote shows that it was escaped.
 *
 * Text starting with `+` or `-` is most often typed data — phone numbers (`+30 210…`), a dash —
 * and is written as typed: a string cell with Excel's quote-prefix style (`quotePrefix`, see
 * write-xlsx.ts), which Excel shows without an apostrophe and keeps as text when the cell is
 * edited, so it cannot run either. (`needsQuotePrefix` says which cells get that style.)
 *
 * XML 1.0, which an .xlsx is made of, cannot carry NUL and most other control characters; exceljs
 * would drop them silently *after* any check of ours, so `\u0001=cmd()` would come out as `=cmd()`.
 * They are therefore dropped first, and the formula check runs on what will really be written —
 * which is also how a leading NUL is handled: it is gone. Line ends become `\n`, as any XML reader
 * would read them, and unpaired UTF-16 surrogates become U+FFFD, as UTF-8 writes them; so what a
 * reader finds in the cell is exactly what this function returns.
 */
const FORMULA_TRIGGER = /^[=@\t\r]/;
/** Typed text that a spreadsheet would read as a number or formula start: kept as text by the cell's style. */
const SIGN_FIRST = /^[+-]/;
// XML 1.0 Char excludes U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF; exceljs also drops U+007F.
// eslint-disable-next-line no-control-regex
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const FORMULA_ESCAPE = "'";

// One test for the common case: nothing to drop, mend or escape.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /^[=+\-@]|[\u0000-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function cellText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  let text = value.replace(NOT_IN_XML, '').replace(LONE_SURROGATE, '\uFFFD');
  if (FORMULA_TRIGGER.test(text)) text = FORMULA_ESCAPE + text;
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Whether a cell of this (cellText) text gets Excel's quote-prefix style, which keeps it text. */
export const needsQuotePrefix = (text: string): boolean => SIGN_FIRST.test(text);

/**
 * Would a spreadsheet take this cell text as the start of a formula, without the cell's
 * quote-prefix style? (For tests and checks: a `+`/`-` cell is safe only with that style.)
 */
export const startsAsFormula = (text: string): boolean => FORMULA_TRIGGER.test(text) || text.startsWith('\u0000');
