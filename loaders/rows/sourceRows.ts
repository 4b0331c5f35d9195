import {BIGINT, INTEGER, VARCHAR, type DuckDBConnection} from "@duckdb/node-api";
import {sqlLiteral} from "../../src/components/sqlLiteral.js";
import {ChunkAppender} from "./chunkAppender.js";
import {plainCsvSampleMismatch} from "./plainCsvSamples.js";
import {plainCsvTableSql} from "./plainCsvSql.js";
import {mappedColumns, type RowMapping} from "./rowMapping.js";
import type {CsvShape} from "./plainCsv.js";
import {headerIndex, type PlainCsvFile, type RowSink, type SourceRecord} from "./sourceRecord.js";

/** The export columns a mapping reads, each once: source_rows holds them as c0, c1 … in this order. */
export function sourceColumns(mapping: RowMapping): string[] {
  return [...new Set(mappedColumns(mapping).flatMap((m) => m.columns))];
}

/** The source_rows column of an export column. */
export function sourceColumn(columns: string[], name: string): string {
  const i = columns.indexOf(name);
  if (i < 0) throw new Error(`the mapping reads no column ${name}`);
  return `c${i}`;
}

/**
 * Every row read, before it is mapped: its file, its spreadsheet row, a problem of the whole row, and the text of
 * each column the mapping reads (NULL where the file has no such column). Rows read in JavaScript are appended to
 * `js_rows`; a file DuckDB read itself stays in a table of its own, numbered by its rowid (DuckDB keeps a file's
 * records in order), and `source_rows` is a view over them all, so that no row is copied.
 */
export function sourceRowsSql(columns: string[], csvTables: {table: string; fileIndex: number}[]): string {
  const texts = columns.map((_, i) => `c${i}`).join(", ");
  const parts = [`SELECT file_index, "row", problem, ${texts} FROM js_rows`, ...csvTables.map((t) => `SELECT ${t.fileIndex} AS file_index, rowid + 2 AS "row", NULL AS problem, ${texts} FROM ${t.table}`)];
  return `
CREATE TABLE IF NOT EXISTS js_rows (file_index INTEGER, "row" BIGINT, problem VARCHAR, ${columns.map((_, i) => `c${i} VARCHAR`).join(", ")});
CREATE OR REPLACE VIEW source_rows AS
${parts.join("\nUNION ALL ")};`;
}

export interface SinkOptions {
  /** The export columns the mapping reads (sourceColumns). */
  columns: string[];
  /** The reader's files, in its order. */
  files: string[];
  scratch: string;
  log: (message: string) => void;
}

/** Puts what readers read into source_rows (see sourceRowsSql). */
export class SourceRowsSink implements RowSink {
  readonly #connection: DuckDBConnection;
  readonly #columns: string[];
  readonly #fileIndex: Map<string, number>;
  readonly #csvTables: {table: string; fileIndex: number}[] = [];
  #appender: ChunkAppender | null = null;
  #read = 0;
  readonly scratch: string;
  readonly log: (message: string) => void;

  private constructor(connection: DuckDBConnection, {columns, files, scratch, log}: SinkOptions) {
    this.#connection = connection;
    this.#columns = columns;
    this.#fileIndex = new Map(files.map((f, i) => [f, i]));
    this.scratch = scratch;
    this.log = log;
  }

  /** A sink for the given source columns and files, with its tables created. */
  static async open(connection: DuckDBConnection, options: SinkOptions): Promise<SourceRowsSink> {
    await connection.run(sourceRowsSql(options.columns, []));
    const sink = new SourceRowsSink(connection, options);
    await sink.begin();
    return sink;
  }

  append(records: SourceRecord[]): void {
    if (this.#appender === null) throw new Error("append after close");
    for (const record of records) {
      const fileIndex = this.#fileIndex.get(record.file);
      if (fileIndex === undefined) throw new Error(`${record.file}: a record of a file the reader did not list`);
      this.#appender.append([fileIndex, BigInt(record.row), record.problem, ...this.#columns.map((c) => record.cell(c) ?? null)]);
      if (++this.#read % 1_000_000 === 0) this.log(`${this.#read.toLocaleString("en-US")} rows read`);
    }
  }

  /** Opens the appender for rows read in JavaScript (closed while DuckDB reads a file). */
  async begin(): Promise<void> {
    const types = [INTEGER, BIGINT, VARCHAR, ...this.#columns.map(() => VARCHAR)];
    this.#appender ??= new ChunkAppender(await this.#connection.createAppender("js_rows"), types);
  }

  async appendPlainCsv(file: PlainCsvFile, shape: Promise<CsvShape>): Promise<boolean> {
    this.close();
    const fileIndex = this.#fileIndex.get(file.file)!;
    const table = `csv_file_${fileIndex}`;
    const index = headerIndex(file.header);
    const positions = this.#columns.map((c) => index.get(c) ?? null);
    // DuckDB reads the file on its threads while the scan says whether it should have
    const [refused, verdict] = await Promise.all([this.#connection.run(plainCsvTableSql(table, file, positions)).then(() => null, csvError), shape]);
    const read = refused === null;
    const why = !verdict.plain
      ? `read in JavaScript (${verdict.why})`
      : refused
        ? `DuckDB's CSV reader refused it (${refused}); reading it in JavaScript`
        : await this.#disagreement(table, file, positions, verdict);
    // (a file that is not plain always has a why: said again so that what follows knows the file is plain)
    if (why || !verdict.plain) {
      this.log(`${file.file}: ${why}`);
      if (read) await this.#connection.run(`DROP TABLE ${table}`);
      await this.begin();
      return false;
    }
    const rows = verdict.records - 1;
    this.#csvTables.push({table, fileIndex});
    await this.#connection.run(sourceRowsSql(this.#columns, this.#csvTables));
    this.#read += rows;
    this.log(`${file.file}: ${rows.toLocaleString("en-US")} rows read by DuckDB's CSV reader (${verdict.samples.length} checked against csvSplitter)`);
    await this.begin();
    return true;
  }

  /** Why DuckDB's reading of a plain file cannot stand (JavaScript, the reference, then reads it), or null. */
  async #disagreement(table: string, file: PlainCsvFile, positions: (number | null)[], shape: CsvShape & {plain: true}): Promise<string | null> {
    const width = file.header.length;
    if (shape.delimiters !== shape.records * (width - 1)) return `read in JavaScript (a row of another width than the header's ${width} fields)`;
    // never expected: DuckDB and csvSplitter disagree
    const rows = Number((await this.#connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0][0]);
    const mismatch = rows !== shape.records - 1 ? `${rows} rows where the scan counted ${shape.records - 1}` : await plainCsvSampleMismatch(this.#connection, table, file, positions, shape.samples);
    return mismatch && `DuckDB's CSV reader read it otherwise than csvSplitter (${mismatch}); reading it in JavaScript`;
  }

  /** Appends what is gathered; the rows are all in source_rows. */
  close(): void {
    this.#appender?.close();
    this.#appender = null;
  }

  /** Drops source_rows and the tables under it, once they are mapped: their cells are in mapped_rows. */
  async drop(): Promise<void> {
    await this.#connection.run(`DROP VIEW source_rows; DROP TABLE js_rows;${this.#csvTables.map((t) => ` DROP TABLE ${t.table};`).join("")}`);
  }
}

/** source_files: the rows read from each file, in the reader's file order (a file may have none). */
export function sourceFilesSql(files: string[]): string {
  const values = files.map((f, i) => `(${i}, ${sqlLiteral(f)})`).join(", ");
  return `
INSERT INTO source_files
SELECT f.i, f.file, coalesce(n.rows, 0)
FROM (VALUES ${values}) f(i, file) LEFT JOIN (SELECT file_index, count(*) AS rows FROM source_rows GROUP BY file_index) n ON n.file_index = f.i
ORDER BY f.i;`;
}

/** What a CSV file's error says in its first line; any other error is thrown again (the database may be unusable). */
function csvError(error: unknown): string {
  const message = String((error as Error).message ?? error);
  if (!message.startsWith("Invalid Input Error")) throw error;
  return message.split("\n")[0];
}
