import {open, type FileHandle} from "node:fs/promises";
import type {DuckDBConnection} from "@duckdb/node-api";
import {csvSplitter} from "./csvSplitter.js";
import type {RecordAt} from "./plainCsv.js";
import type {PlainCsvFile} from "./sourceRecord.js";

/** The most a sampled record is read to find its end. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Checks DuckDB's reading of a plain file (see plainCsvTableSql) against csvSplitter's on the sampled records:
 * each is split from its offset in the file and compared, cell by cell of the source columns, with the row DuckDB
 * numbered for it. Returns the first row that differs ("row 4,098"), or null when none does.
 */
export async function plainCsvSampleMismatch(connection: DuckDBConnection, table: string, file: PlainCsvFile, positions: (number | null)[], samples: RecordAt[]): Promise<string | null> {
  if (samples.length === 0) return null;
  const result = await connection.runAndReadAll(`SELECT rowid, * FROM ${table} WHERE rowid IN (${samples.map((s) => s.record - 1).join(", ")})`);
  const read = new Map(result.getRows().map(([rowid, ...cells]) => [Number(rowid), cells.map((c) => (c === null ? "" : String(c)))]));
  const handle = await open(file.path);
  try {
    for (const sample of samples) {
      const cells = await recordAt(handle, sample.offset, file.delimiter);
      const expected = cells && positions.map((p) => (p === null ? "" : (cells[p] ?? "")));
      const got = read.get(sample.record - 1);
      if (!expected || !got || got.some((cell, j) => cell !== expected[j])) return `row ${(sample.record + 1).toLocaleString("en-US")}`;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/** The cells of the record that starts at `offset`, as csvSplitter reads them; null if it cannot be read. */
async function recordAt(handle: FileHandle, offset: number, delimiter: string): Promise<string[] | null> {
  for (let size = 64 * 1024; size <= MAX_RECORD_BYTES; size *= 4) {
    const buffer = Buffer.alloc(size);
    const {bytesRead} = await handle.read(buffer, 0, size, offset);
    const end = bytesRead < size;
    try {
      const [first] = csvSplitter(delimiter)(new TextDecoder().decode(buffer.subarray(0, bytesRead), {stream: !end}), end);
      if (first) return first.cells;
    } catch {
      return null;
    }
    if (end) return null;
  }
  return null;
}
