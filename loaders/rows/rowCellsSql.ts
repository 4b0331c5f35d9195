import {sqlLiteral} from "../../src/components/sqlLiteral.js";
import {EARLIEST, LATEST} from "./fieldParsers.js";
import {fieldColumns, ROW_FIELDS, type RowMapping} from "./rowMapping.js";
import {sourceColumn} from "./sourceRows.js";

/** The characters String.prototype.trim removes (ECMAScript's WhiteSpace and LineTerminator), by code point. */
export const JS_WHITESPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, ...Array.from({length: 11}, (_, i) => 0x2000 + i), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];

const isWhitespace = (codePoint: string) => `${codePoint} IN (${JS_WHITESPACE.join(", ")})`;

/**
 * A text trimmed as JavaScript trims it, NULL when nothing is left. DuckDB's trim with a set of characters is slow
 * (a minute for 140M cells), so it runs only on a text that starts or ends with one of them.
 */
export function jsTrimSql(text: string): string {
  const set = sqlLiteral(String.fromCodePoint(...JS_WHITESPACE));
  return `CASE WHEN ${isWhitespace(`ascii(${text})`)} OR ${isWhitespace(`ascii(${text}[-1])`)} THEN nullif(trim(${text}, ${set}), '') ELSE nullif(${text}, '') END`;
}

/**
 * source_cells: each field's cell in every source row: the first of the field's columns that is not empty once
 * trimmed (NULL: none is), with `<field>_column` naming the column where the field has several, and
 * `ordered_at_fast`, the order time where SQL reads it as d3-time-format would (see fastTimeSql).
 */
export function rowCellsSql(mapping: RowMapping, columns: string[]): string {
  // each cell trimmed where it is read: DuckDB would copy a trimmed column's expression into each place it is used
  const cell = (name: string) => jsTrimSql(sourceColumn(columns, name));
  const cells = ROW_FIELDS.map((field) => {
    const names = fieldColumns(mapping, field);
    if (names.length === 0) return `CAST(NULL AS VARCHAR) AS ${field}`;
    if (names.length === 1) return `${cell(names[0])} AS ${field}`;
    return `coalesce(${names.map(cell).join(", ")}) AS ${field}, CASE ${names.map((n) => `WHEN ${cell(n)} IS NOT NULL THEN ${sqlLiteral(n)}`).join(" ")} END AS ${field}_column`;
  });
  return `
CREATE TABLE source_cells AS
WITH cells AS (
  SELECT file_index, "row", problem, ${cells.join(",\n    ")}
  FROM source_rows
)
SELECT *, ${fastTimeSql(mapping.date_format, "ordered_at") ?? "CAST(NULL AS DOUBLE)"} AS ordered_at_fast FROM cells;`;
}

/** d3-time-format directives that DuckDB's strptime and strftime read and print alike: zero-padded numbers. */
const SHARED_DIRECTIVES = new Set(["Y", "m", "d", "H", "M", "S"]);

/**
 * An order time read in SQL, as epoch milliseconds of the shop's wall clock, where that is certain to be what
 * orderTimeParser reads: the format has only %Y %m %d %H %M %S, the text prints back to itself (so d3 would read
 * the same numbers and find them real) and the time is in range. NULL otherwise: JavaScript reads that text. Null
 * when the format has other directives.
 */
export function fastTimeSql(format: string, text: string): string | null {
  const directives = [...format.matchAll(/%(.?)/g)].map((m) => m[1]);
  if (!directives.every((d) => SHARED_DIRECTIVES.has(d))) return null;
  const pattern = sqlLiteral(format);
  // (DuckDB reads the time once: it finds the expression's repeats)
  const time = `try_strptime(${text}, ${pattern})`;
  return `CASE WHEN strftime(${time}, ${pattern}) = ${text} AND epoch_ms(${time}) >= ${EARLIEST} AND epoch_ms(${time}) < ${LATEST} THEN CAST(epoch_ms(${time}) AS DOUBLE) END`;
}
