/** A CSV record as read, with the row a spreadsheet shows for it (the header is row 1). */
export interface CsvRow {
  row: number;
  cells: string[];
}

/** Text the splitter does not accept (a stray or unclosed quote): csv-parse says why, in its own words. */
export class CsvRefused extends Error {}

/** Thrown when a decision needs text beyond the chunk: the record is read again with the next chunk. */
const MORE = Symbol("more text");
const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Returns a function splitting decoded CSV text, chunk by chunk, into records. It follows csv-parse's rules for
 * the options the loader used with it (`relax_column_count`, `skip_empty_lines`, strict quotes, `""` inside
 * quotes, the line end found at the first unquoted CR / LF / CRLF and kept for the file) at a tenth of its cost,
 * because it slices strings instead of copying bytes one at a time. tests/rows/csvSplitter.test.ts compares
 * the two on random text.
 */
export function csvSplitter(delimiter: string): (chunk: string, last: boolean) => CsvRow[] {
  const first = delimiter.charCodeAt(0);
  let rest = "";
  let newline = "";
  let records = 0;
  let emptyLines = 0;

  return (chunk, last) => {
    const text = rest + chunk;
    const end = text.length;
    const rows: CsvRow[] = [];
    let start = 0;
    try {
      while (start < end) start = record(start);
    } catch (error) {
      if (error !== MORE) throw error;
    }
    rest = text.slice(start);
    return rows;

    /** Reads the record (or empty line) at `i`; returns where the next one starts. */
    function record(i: number): number {
      const cells: string[] = [];
      for (;;) {
        let value = "";
        let quoted = false;
        if (text.charCodeAt(i) === QUOTE) {
          for (let from = i + 1; ; ) {
            const q = text.indexOf('"', from);
            if (q < 0) throw last ? new CsvRefused("quote not closed") : MORE;
            value += text.slice(from, q);
            if (q + 1 >= end && !last) throw MORE;
            if (text.charCodeAt(q + 1) === QUOTE) {
              value += '"';
              from = q + 2;
              continue;
            }
            i = q + 1;
            // csv-parse also closes a quote before a NUL byte, which then continues the field
            if (i < end && text.charCodeAt(i) !== 0 && !newlineAt(i) && !delimiterAt(i)) throw new CsvRefused("text after a closing quote");
            quoted = true;
            break;
          }
        }
        for (let from = i; ; i++) {
          if (i >= end) {
            if (!last) throw MORE;
            value += text.slice(from, i);
            if (quoted || cells.length > 0 || value !== "") emit(cells, value);
            return end;
          }
          const c = text.charCodeAt(i);
          if (c === QUOTE) throw new CsvRefused("quote inside an unquoted field");
          const lineEnd = c === CR || c === LF ? newlineAt(i) : 0;
          if (lineEnd > 0) {
            value += text.slice(from, i);
            if (quoted || cells.length > 0 || value !== "") emit(cells, value);
            else emptyLines++;
            return i + lineEnd;
          }
          if (c === first && delimiterAt(i)) {
            cells.push(value + text.slice(from, i));
            i += delimiter.length;
            break;
          }
        }
      }
    }

    function emit(cells: string[], value: string): void {
      cells.push(value);
      rows.push({row: ++records + emptyLines, cells});
    }

    /** Length of the line end at `i` (0: none), finding the file's line end at its first. */
    function newlineAt(i: number): number {
      const c = text.charCodeAt(i);
      if (c !== CR && c !== LF) return 0;
      if (c === CR && newline !== "\r" && i + 1 >= end && !last) throw MORE;
      const crlf = c === CR && text.charCodeAt(i + 1) === LF;
      if (newline === "") newline = crlf ? "\r\n" : c === CR ? "\r" : "\n";
      if (newline === "\r\n") return crlf ? 2 : 0;
      return c === newline.charCodeAt(0) ? 1 : 0;
    }

    function delimiterAt(i: number): boolean {
      if (delimiter.length === 1) return text.charCodeAt(i) === first;
      if (i + delimiter.length > end && !last) throw MORE;
      return text.startsWith(delimiter, i);
    }
  };
}
