/**
 * PostgreSQL array literals (`{1,2,NULL}`, `{"a","b"}`) built as one string, for statements that
 * take a whole batch as a few array parameters expanded by `unnest(...)`: one parameter per
 * column, whatever the batch size, the same SQL text every time (prepared once), and no per-row
 * JSON keys for PostgreSQL to parse. Works unchanged on PGlite and PostgreSQL (`$1::float8[]`).
 */

/** Numbers (finite, or null/undefined for NULL) as a numeric array literal, e.g. for `float8[]`. */
export function numberArrayLiteral(values: readonly (number | null | undefined)[]): string {
  const parts: (number | string)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) parts[i] = "NULL";
    else if (Number.isFinite(value)) parts[i] = value;
    else throw new RangeError(`array element ${i}: ${value} is not a finite number`);
  }
  return literal(parts);
}

/**
 * Numbers for a `real[]` (4-byte float) column, rounded to its precision first: PostgreSQL
 * refuses a non-zero value too small for a real (1e-300 is an "underflow"), and one such value
 * would fail its whole batch; rounded, it is stored as the real it would become anyway (0).
 */
export function realArrayLiteral(values: readonly (number | null | undefined)[]): string {
  return numberArrayLiteral(
    values.map((value) => (value === null || value === undefined ? value : Math.fround(value))),
  );
}

/** Booleans (or null/undefined for NULL) as a `bool[]` literal. */
export function booleanArrayLiteral(values: readonly (boolean | null | undefined)[]): string {
  const parts: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    parts[i] = value === null || value === undefined ? "NULL" : value ? "t" : "f";
  }
  return literal(parts);
}

/** Strings (or null/undefined for NULL) as a `text[]` / `jsonb[]` literal: each element quoted. */
export function textArrayLiteral(values: readonly (string | null | undefined)[]): string {
  const parts: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    parts[i] = value === null || value === undefined ? "NULL" : quoteElement(value);
  }
  return literal(parts);
}

/** `join` builds one flat string; `+=` would build a rope the driver must flatten to send it. */
const literal = (parts: readonly (number | string)[]): string => `{${parts.join(",")}}`;

const NEEDS_ESCAPE = /["\\]/;

/** Inside double quotes only `"` and `\` need a backslash (a quoted NULL is the string "NULL"). */
function quoteElement(value: string): string {
  return NEEDS_ESCAPE.test(value) ? `"${value.replace(/["\\]/g, "\\$&")}"` : `"${value}"`;
}
