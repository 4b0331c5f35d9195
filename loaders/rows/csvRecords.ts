import {createReadStream} from "node:fs";
import {access} from "node:fs/promises";
import {basename, resolve} from "node:path";
import {parse} from "csv-parse";
import iconv from "iconv-lite";
import {glob} from "tinyglobby";
import {RECORD_BATCH, recordsWithHeader, type RecordReader, type SourceRecord} from "./sourceRecord.js";

export interface CsvOptions {
  /** iconv-lite encoding name: utf-8 (BOM skipped), shift_jis, cp932 … */
  encoding: string;
  delimiter: string;
  /** Export columns each file must have; a group is satisfied by any one of its columns. */
  required: {field: string; columns: string[]}[];
}

/**
 * Reads one or more CSV files (a path or a glob) as a stream of records: decoded with iconv-lite (most
 * Japanese carts export Shift_JIS / CP932), parsed with csv-parse (quoted newlines, CRLF), one row in memory
 * at a time. A file that cannot be read, is empty, or lacks a required column fails at once, named.
 */
export async function csvRecords(pattern: string, options: CsvOptions): Promise<RecordReader> {
  if (!iconv.encodingExists(options.encoding)) throw new Error(`unknown encoding ${options.encoding}`);
  const files = (await glob(pattern, {absolute: true, expandDirectories: false})).sort();
  if (files.length === 0) {
    // a plain path that is missing gets the operating system's own words
    await access(resolve(pattern)).catch((error: Error) => {
      throw new Error(`${pattern}: cannot read: ${error.message}`);
    });
    throw new Error(`${pattern}: no file matches`);
  }
  const names = files.map((f) => basename(f));
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`${pattern}: two files are named ${twice}; rejected rows are reported by file name, so rename one`);
  return {files: files.map((f) => basename(f)), paths: files, records: () => readAll(files, options)};
}

async function* readAll(files: string[], options: CsvOptions): AsyncGenerator<SourceRecord[]> {
  for (const file of files) yield* readFile(file, options);
}

async function* readFile(path: string, options: CsvOptions): AsyncGenerator<SourceRecord[]> {
  const file = basename(path);
  await access(path).catch((error: Error) => {
    throw new Error(`${file}: cannot read: ${error.message}`);
  });
  const parser = createReadStream(path)
    .pipe(iconv.decodeStream(options.encoding))
    .pipe(parse({delimiter: options.delimiter, relax_column_count: true, relax_quotes: false, skip_empty_lines: true, info: true}));
  let toRecord: ReturnType<typeof recordsWithHeader> | null = null;
  let rows = 0;
  let batch: SourceRecord[] = [];
  try {
    for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {records: number; empty_lines: number}}>) {
      if (toRecord === null) {
        checkHeader(record, options.required);
        toRecord = recordsWithHeader(file, record);
        continue;
      }
      rows++;
      batch.push(toRecord(info.records + info.empty_lines, record));
      if (batch.length === RECORD_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (toRecord === null) throw new Error(`${file}: the file is empty (no header row)`);
  if (rows === 0) throw new Error(`${file}: the file has a header but no rows`);
}

function checkHeader(header: string[], required: CsvOptions["required"]): void {
  const names = new Set(header.map((h) => h.trim()));
  for (const {field, columns} of required) {
    if (!columns.some((c) => names.has(c))) {
      throw new Error(`missing column ${columns.map((c) => `"${c}"`).join(" or ")} (for ${field}); the header has ${header.join(", ")}`);
    }
  }
}
