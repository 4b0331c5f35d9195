import {sqlLiteral} from "../../src/components/sqlLiteral.js";
import type {PlainCsvFile} from "./sourceRecord.js";

/**
 * A plain CSV file (see plainCsv.ts) read by DuckDB's own reader into `table`, records in the file's order: the
 * source columns c0, c1 … taken from the header positions given (null: the file has no such column, NULL), every
 * cell as text. Nothing is sniffed: the delimiter, quoting and line end are the file's as csvSplitter reads them.
 * A record with fewer fields than the header, or one to spare that is not empty, or a byte that is not UTF-8, makes
 * the statement fail and leaves nothing; empty fields to spare DuckDB drops without a word (plainCsv.ts counts the
 * delimiters to find them).
 */
export function plainCsvTableSql(table: string, file: PlainCsvFile, positions: (number | null)[]): string {
  const columns = file.header.map((_, i) => `'h${i}': 'VARCHAR'`).join(", ");
  const selected = positions.map((p, j) => `${p === null ? "CAST(NULL AS VARCHAR)" : `h${p}`} AS c${j}`).join(", ");
  // DuckDB reads no row at all when told the line end is CRLF, so CRLF is left to it (plainCsv.ts says when it can)
  const lineEnd = file.lineEnd === "\n" ? "new_line = '\\n', " : "";
  return `CREATE TABLE ${table} AS SELECT ${selected}
FROM read_csv(${sqlLiteral(file.path)}, columns = {${columns}}, header = true, auto_detect = false, ${lineEnd}
  delim = ${sqlLiteral(file.delimiter)}, quote = '"', escape = '"', strict_mode = true, null_padding = false, encoding = 'utf-8')`;
}
