import {DuckDBDataChunk, type DuckDBAppender, type DuckDBType, type DuckDBValue} from "@duckdb/node-api";

/** Rows in a DuckDB data chunk (its vector size). */
const CHUNK_ROWS = 2048;

/**
 * Rows gathered column by column and handed to a DuckDB appender a data chunk at a time: numbers are copied
 * per column, not passed one native call per cell as `appendInteger` … `endRow` would.
 */
export class ChunkAppender {
  readonly #appender: DuckDBAppender;
  readonly #types: readonly DuckDBType[];
  #columns: DuckDBValue[][];

  /** `types` are the table's column types, in its order. */
  constructor(appender: DuckDBAppender, types: readonly DuckDBType[]) {
    this.#appender = appender;
    this.#types = types;
    this.#columns = types.map(() => []);
  }

  /** Appends one row: a value (null for NULL) per column, in the table's order. */
  append(values: readonly DuckDBValue[]): void {
    values.forEach((value, i) => this.#columns[i].push(value));
    if (this.#columns[0].length === CHUNK_ROWS) this.#flush();
  }

  /** Appends what is gathered and closes the appender. */
  close(): void {
    this.#flush();
    this.#appender.closeSync();
  }

  #flush(): void {
    const rows = this.#columns[0].length;
    if (rows === 0) return;
    const chunk = DuckDBDataChunk.create(this.#types, rows);
    this.#columns.forEach((values, i) => chunk.setColumnValues(i, values));
    this.#appender.appendDataChunk(chunk);
    this.#columns = this.#types.map(() => []);
  }
}
