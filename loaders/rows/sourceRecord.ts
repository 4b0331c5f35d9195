import type {RejectionReason} from "../../src/components/rejectionReasons.js";

/**
 * One row of a source file, as read: its cells by column name. `row` is the row a spreadsheet shows
 * (the header is row 1), so a consultant can find a rejected row in the export.
 */
export interface SourceRecord {
  file: string;
  row: number;
  /** The cell of an export column, or undefined when the file has no such column. */
  cell(column: string): string | undefined;
  /** A problem of the row as a whole, found while reading it (a wrong column count). */
  problem: RejectionReason | null;
}

/** What every record reader yields: the records of each file, and the file list it reads. */
export interface RecordReader {
  /** File names as records name them (no directories: the snapshot is published). */
  files: string[];
  /** Full paths, for the fingerprint. */
  paths: string[];
  /** Records in batches (a few thousand at a time): one await per batch, not per row. */
  records(): AsyncIterable<SourceRecord[]>;
}

/** A header's column positions, shared by the records of one file. */
export function recordsWithHeader(file: string, header: string[]) {
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  return (row: number, cells: string[]): SourceRecord => new HeaderRecord(file, row, cells, index, cells.length === header.length ? null : "wrong_column_count");
}

/** A record as a class, not an object with its own closure: one small allocation per row. */
class HeaderRecord implements SourceRecord {
  constructor(
    readonly file: string,
    readonly row: number,
    private readonly cells: string[],
    private readonly index: Map<string, number>,
    readonly problem: RejectionReason | null
  ) {}

  cell(column: string): string | undefined {
    const i = this.index.get(column);
    return i === undefined ? undefined : (this.cells[i] ?? "");
  }
}

/** Rows in a batch before a reader hands them on. */
export const RECORD_BATCH = 4096;
