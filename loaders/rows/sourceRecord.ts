import type {RejectionReason} from "../../src/components/rejectionReasons.js";
import type {CsvShape} from "./plainCsv.js";

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

/** A UTF-8 CSV file for DuckDB's own reader, handed over whole (see plainCsv.ts, plainCsvSql.ts). */
export interface PlainCsvFile {
  /** The file's name, as records name it. */
  file: string;
  path: string;
  header: string[];
  delimiter: string;
  /** The header's line end: a plain file's. */
  lineEnd: "\n" | "\r\n";
}

/** Where a reader puts the rows it reads. */
export interface RowSink {
  /** Records read in JavaScript, a batch at a time. */
  append(records: SourceRecord[]): void;
  /**
   * Has DuckDB read a CSV file whole while its shape is scanned: false, with nothing of it kept, when the file is
   * not plain, or DuckDB's reader refused it or read it otherwise than csvSplitter.
   */
  appendPlainCsv(file: PlainCsvFile, shape: Promise<CsvShape>): Promise<boolean>;
  /** A folder for temporary files, removed when the rows have been read. */
  scratch: string;
  /** Progress, for the command line's standard error. */
  log(message: string): void;
}

/** What every record reader gives: the file list it reads, and a way to read them all into a sink. */
export interface RecordReader {
  /** File names as records name them (no directories: the snapshot is published). */
  files: string[];
  /** Full paths, for the fingerprint. */
  paths: string[];
  read(sink: RowSink): Promise<void>;
}

/** A reader of records that come in batches (a few thousand at a time): one await per batch, not per row. */
export function batchReader(files: string[], paths: string[], batches: () => AsyncIterable<SourceRecord[]>): RecordReader {
  return {
    files,
    paths,
    async read(sink) {
      for await (const batch of batches()) sink.append(batch);
    }
  };
}

/** A header's column positions: a name given twice means its last column, as a record's `cell` reads it. */
export function headerIndex(header: string[]): Map<string, number> {
  return new Map(header.map((name, i) => [name.trim(), i]));
}

/**
 * Records of one file, sharing its header's column positions. A record of another width than the header's is
 * rejected, an empty field to spare too: "1,980" unquoted in a row whose last field is empty would otherwise shift
 * every cell after it.
 */
export function recordsWithHeader(file: string, header: string[]) {
  const index = headerIndex(header);
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
