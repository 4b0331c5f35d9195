import {createReadStream, createWriteStream} from "node:fs";
import {access, rm} from "node:fs/promises";
import {basename, join, resolve} from "node:path";
import {pipeline} from "node:stream/promises";
import {parse} from "csv-parse";
import iconv from "iconv-lite";
import {glob} from "tinyglobby";
import {csvSplitter, CsvRefused, type CsvRow} from "./csvSplitter.js";
import {plainCsvShape} from "./plainCsv.js";
import {RECORD_BATCH, recordsWithHeader, type RecordReader, type RowSink, type SourceRecord} from "./sourceRecord.js";

export interface CsvOptions {
  /** iconv-lite encoding name: utf-8 (BOM skipped), shift_jis, cp932 … */
  encoding: string;
  delimiter: string;
  /** Export columns each file must have; a group is satisfied by any one of its columns. */
  required: {field: string; columns: string[]}[];
}

/**
 * Reads one or more CSV files (a path or a glob). A plain UTF-8 file (see plainCsv.ts) is read by DuckDB's own
 * CSV reader, on every core; any other is read as a stream of records: decoded with iconv-lite (most Japanese carts
 * export Shift_JIS / CP932), split by csvSplitter as csv-parse would (quoted newlines, CRLF), one batch in memory at
 * a time. A file that cannot be read, is empty, or lacks a required column fails at once, named.
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
  return {
    files: files.map((f) => basename(f)),
    paths: files,
    async read(sink) {
      for (const path of files) {
        if (await readPlain(path, options, sink)) continue;
        for await (const batch of readFile(path, options)) sink.append(batch);
      }
    }
  };
}

/**
 * Has DuckDB read a plain file: false when the file is not plain (or its reader refused it), to be read in
 * JavaScript, which also says what is wrong with a file that cannot be read at all. A file in another encoding is
 * decoded as JavaScript would decode it (iconv-lite) into a UTF-8 copy, which DuckDB reads.
 */
async function readPlain(path: string, options: CsvOptions, sink: RowSink): Promise<boolean> {
  const file = basename(path);
  const header = await readHeader(path, options);
  if (header === null) return false;
  // DuckDB takes * ? [ { in a path for a pattern
  if (/[*?[{]/.test(path)) {
    sink.log(`${file}: read in JavaScript (DuckDB would take its name for a pattern)`);
    return false;
  }
  const utf8 = /^utf-?8$/i.test(options.encoding) ? path : join(sink.scratch, "utf8-copy.csv");
  try {
    if (utf8 !== path) {
      sink.log(`${file}: copying it as UTF-8 for DuckDB's reader`);
      const copied = await pipeline(createReadStream(path), iconv.decodeStream(options.encoding), createWriteStream(utf8)).then(
        () => true,
        (error: Error) => sink.log(`${file}: read in JavaScript (the UTF-8 copy failed: ${error.message})`)
      );
      if (!copied) return false;
    }
    return await sink.appendPlainCsv({file, path: utf8, header: header.cells, delimiter: options.delimiter, lineEnd: header.lineEnd}, plainCsvShape(utf8, options.delimiter));
  } finally {
    if (utf8 !== path) await rm(utf8, {force: true});
  }
}

/**
 * A file's header with the required columns and its line end, or null when the file has no row after it, lacks a
 * column or cannot be read (JavaScript then says so) or its header ends in a CR alone (never plain).
 */
async function readHeader(path: string, options: CsvOptions): Promise<{cells: string[]; lineEnd: "\n" | "\r\n"} | null> {
  const split = csvSplitter(options.delimiter);
  const records: CsvRow[] = [];
  let text = "";
  try {
    for await (const chunk of chunks(path, options.encoding)) {
      text += chunk ?? "";
      records.push(...split(chunk ?? "", chunk === null));
      if (records.length < 2 && chunk !== null) continue;
      if (records.length < 2) return null;
      const [first] = records;
      checkHeader(first.cells, options.required);
      // a plain file's header has no line break inside quotes: its first is the header's line end
      const at = text.search(/[\r\n]/);
      if (text[at] === "\r" && text[at + 1] !== "\n") return null;
      return {cells: first.cells, lineEnd: text[at] === "\r" ? "\r\n" : "\n"};
    }
  } catch {
    return null;
  }
  return null;
}

async function* readFile(path: string, options: CsvOptions): AsyncGenerator<SourceRecord[]> {
  const file = basename(path);
  await access(path).catch((error: Error) => {
    throw new Error(`${file}: cannot read: ${error.message}`);
  });
  const split = csvSplitter(options.delimiter);
  let toRecord: ReturnType<typeof recordsWithHeader> | null = null;
  let rows = 0;
  let batch: SourceRecord[] = [];
  try {
    for await (const chunk of chunks(path, options.encoding)) {
      for (const {row, cells} of split(chunk ?? "", chunk === null)) {
        if (toRecord === null) {
          checkHeader(cells, options.required);
          toRecord = recordsWithHeader(file, cells);
          continue;
        }
        rows++;
        batch.push(toRecord(row, cells));
        if (batch.length === RECORD_BATCH) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    throw new Error(`${file}: ${error instanceof CsvRefused ? await csvParseError(path, options) : (error as Error).message}`);
  }
  if (toRecord === null) throw new Error(`${file}: the file is empty (no header row)`);
  if (rows === 0) throw new Error(`${file}: the file has a header but no rows`);
}

/** The file's text in decoded chunks, then null at its end. */
async function* chunks(path: string, encoding: string): AsyncGenerator<string | null> {
  yield* createReadStream(path, {highWaterMark: 1 << 20}).pipe(iconv.decodeStream(encoding)) as AsyncIterable<string>;
  yield null;
}

/** Why csv-parse refuses a file the splitter refused: its message names the line and the field. */
async function csvParseError(path: string, options: CsvOptions): Promise<string> {
  const parser = createReadStream(path)
    .pipe(iconv.decodeStream(options.encoding))
    .pipe(parse({delimiter: options.delimiter, relax_column_count: true, relax_quotes: false, skip_empty_lines: true}));
  try {
    for await (const _ of parser);
  } catch (error) {
    return (error as Error).message;
  }
  return "the file's quoting could not be read";
}

function checkHeader(header: string[], required: CsvOptions["required"]): void {
  const names = new Set(header.map((h) => h.trim()));
  for (const {field, columns} of required) {
    if (!columns.some((c) => names.has(c))) {
      throw new Error(`missing column ${columns.map((c) => `"${c}"`).join(" or ")} (for ${field}); the header has ${header.join(", ")}`);
    }
  }
}
