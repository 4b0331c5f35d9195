import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {randomLcg} from "d3";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {csvSplitter, CsvRefused, type CsvRow} from "../../loaders/rows/csvSplitter.js";
import {plainCsvScanner} from "../../loaders/rows/plainCsv.js";
import {plainCsvTableSql} from "../../loaders/rows/plainCsvSql.js";

/** The scanner's verdict on UTF-8 bytes handed over in chunks cut at `cuts`. */
function shape(bytes: Uint8Array, delimiter: string, cuts: number[] = []) {
  const scanner = plainCsvScanner(delimiter);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    scanner.scan(bytes.subarray(from, cut));
    from = cut;
  }
  return scanner.end();
}

/** Records as the JavaScript reader splits the text (a byte order mark already dropped), or "refused". */
function split(text: string, delimiter: string): CsvRow[] | "refused" {
  try {
    return csvSplitter(delimiter)(text, true);
  } catch (error) {
    if (error instanceof CsvRefused) return "refused";
    throw error;
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("plainCsvScanner", () => {
  it("counts the records of a plain file, header included, with or without a last line end or a byte order mark", () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,"say ""hi"""\r\n';
    // records sampled for the check against DuckDB: the first and the last after the header, by where they start
    expect(shape(utf8(text), ",")).toEqual({plain: true, records: 3, delimiters: 3, lineEnd: "\r\n", samples: [{record: 1, offset: 5}, {record: 2, offset: 15}]});
    expect(shape(utf8("a,b\n1,2"), ",")).toEqual({plain: true, records: 2, delimiters: 2, lineEnd: "\n", samples: [{record: 1, offset: 4}]});
    expect(shape(utf8("\uFEFFa\tb\n1\t2\n"), "\t", [1, 2])).toEqual({plain: true, records: 2, delimiters: 2, lineEnd: "\n", samples: [{record: 1, offset: 7}]});
    expect(shape(utf8("a,b"), ",")).toEqual({plain: true, records: 1, delimiters: 1, lineEnd: null, samples: []});
    expect(shape(utf8(""), ",")).toEqual({plain: true, records: 0, delimiters: 0, lineEnd: null, samples: []});
  });

  it("counts the delimiters outside quotes, in chunks cut anywhere", () => {
    const text = utf8('"a,b",c,\n"1,,""2",3,""\n,,\n');
    for (let cut = 0; cut <= text.length; cut++) {
      const verdict = shape(text, ",", [cut]);
      expect(verdict.plain && verdict.delimiters).toBe(6);
    }
  });

  it("samples every 4,096th record", () => {
    const text = ["h", ...Array.from({length: 10_000}, (_, i) => String(i))].join("\n");
    const verdict = shape(utf8(text), ",");
    expect(verdict.plain && verdict.samples.map((s) => [s.record, text.slice(s.offset, s.offset + 5).split("\n")[0]])).toEqual([
      [1, "0"],
      [4097, "4096"],
      [8193, "8192"],
      [10_000, "9999"]
    ]);
  });

  it("says why a file is not plain", () => {
    const why = (text: string | Uint8Array, delimiter = ",") => {
      const result = shape(typeof text === "string" ? utf8(text) : text, delimiter);
      return result.plain ? "plain" : result.why;
    };
    expect(why("a,b\n\n1,2\n")).toBe("an empty line");
    expect(why("a,b\n1,2\n\n")).toBe("an empty line");
    expect(why('a,b\n1,x"y\n')).toBe("a quote inside an unquoted field");
    expect(why('a,b\n1,"x"y\n')).toBe("text after a closing quote");
    expect(why('a,b\n1,"x\n')).toBe("a quote that is not closed");
    expect(why("a,b\r1,2\r")).toBe("a line that ends in a CR alone");
    expect(why("a,b\r\n1,2\n")).toBe("an LF line end in a file of CRLF line ends");
    expect(why("a,b\n1,2\r\n")).toBe("a CRLF line end in a file of LF line ends");
    expect(why(new Uint8Array([0x61, 0x0a, 0x00, 0x0a]))).toBe("a NUL byte");
    expect(why("a::b\n", "::")).toBe("the delimiter is not one ASCII byte");
    // DuckDB takes its line end from the first line break, quoted or not, and skips the header as a line
    expect(why('a,"b\nc"\r\n1,2\r\n')).toBe("a line break inside a quoted field of the header");
    expect(why('a,"b\r\nc"\n1,2\n')).toBe("a line break inside a quoted field of the header");
    expect(why('a,b\r\n1,"x\ny"\r\n')).toBe("plain");
    expect(why('\uFEFF"a,b",c\n1,2\n')).toBe("a byte order mark before a quoted field");
  });
});

describe("a plain file read by DuckDB's CSV reader", () => {
  let dir: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ltv-plain-csv-"));
    instance = await DuckDBInstance.create(":memory:");
    connection = await instance.connect();
  });
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
    rmSync(dir, {recursive: true, force: true});
  });

  /** Rows DuckDB reads of the file, in rowid order and numbered as source_rows numbers them, or its error. */
  async function readByDuckDB(bytes: Uint8Array, delimiter: string, lineEnd: "\n" | "\r\n", header: string[], n: number) {
    const path = join(dir, `file-${n}.csv`);
    writeFileSync(path, bytes);
    const table = `plain_${n}`;
    const sql = plainCsvTableSql(table, {file: "x.csv", path, header, delimiter, lineEnd}, header.map((_, i) => i));
    try {
      await connection.run(sql);
    } catch (error) {
      return (error as Error).message;
    }
    const result = await connection.runAndReadAll(`SELECT rowid + 2 AS "row", * FROM ${table} ORDER BY rowid`);
    return result.getRows().map(([row, ...cells]) => ({row: Number(row), cells: cells.map((c) => (c === null ? "" : String(c)))}));
  }

  it("reads the same records as csvSplitter, in the same rows, for random plain files, whenever it reads as many; a record of another width fails or shows in the delimiters", async () => {
    const random = randomLcg(7);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const some = <T>(max: number, item: () => T): T[] => Array.from({length: Math.floor(random() * max)}, item);
    let plain = 0;
    let refused = 0;
    let spare = 0;
    const missed: string[] = [];
    for (let n = 0; n < 1000; n++) {
      const delimiter = pick([",", ",", "\t", ";"]);
      const width = 1 + Math.floor(random() * 4);
      const lineEnd = pick(["\r\n", "\n"]);
      // fields plain or quoted (with delimiters, doubled quotes and line ends inside), now and then a fault
      const plainField = () => some(4, () => pick(["a", "bc", "美容液", " ", "1,000", "-", "😀"].filter((s) => !s.includes(delimiter)))).join("");
      const quoted = () => `"${some(4, () => pick(["x", '""', delimiter, "\r\n", "\n", "\r", "定期", " "])).join("")}"`;
      const fault = () => pick(['a"b', '"a"b', "\r", "\n", "\0", '"open']);
      const field = () => (random() < 0.02 ? fault() : random() < 0.3 ? quoted() : plainField());
      const wrongWidth = () => (random() < 0.5 ? Array.from({length: width - 1}, field) : [...Array.from({length: width}, field), ...some(3, () => pick(["", "", '""', "x"]))]);
      const record = () => (random() < 0.08 ? wrongWidth() : Array.from({length: width}, field)).join(delimiter);
      const records = [record(), ...some(8, record)];
      const text = records.join(random() < 0.05 ? pick([lineEnd + lineEnd, "\r", "\n"]) : lineEnd) + pick([lineEnd, ""]);
      const bom = random() < 0.2;
      const bytes = utf8((bom ? "\uFEFF" : "") + text);
      const cuts = some(4, () => Math.floor(random() * (bytes.length + 1))).sort((a, b) => a - b);
      const verdict = shape(bytes, delimiter, cuts);
      if (!verdict.plain) continue;
      plain++;
      const rows = split(text, delimiter);
      expect(rows, JSON.stringify(text)).not.toBe("refused");
      // a file of no rows is left to JavaScript, which says so
      if (verdict.records < 2) continue;
      const [header, ...data] = rows as CsvRow[];
      // no empty line: rows are numbered 1, 2, 3 …, as DuckDB's rowid numbers them
      expect(verdict.records, JSON.stringify(text)).toBe(data.length + 1);
      expect((rows as CsvRow[]).map((r) => r.row)).toEqual((rows as CsvRow[]).map((_, i) => i + 1));
      const read = await readByDuckDB(bytes, delimiter, verdict.lineEnd ?? "\n", header.cells, n);
      // a record of another width fails the read or (empty fields to spare, which DuckDB drops) shows in the
      // delimiters the scan counted: either way the sink reads the file in JavaScript, which rejects the record
      if (data.some((r) => r.cells.length !== header.cells.length)) {
        const short = data.some((r) => r.cells.length < header.cells.length);
        expect(typeof read === "string" || (!short && verdict.delimiters !== verdict.records * (header.cells.length - 1)), JSON.stringify(text)).toBe(true);
        if (typeof read !== "string") spare++;
        refused++;
        continue;
      }
      expect(verdict.delimiters).toBe(verdict.records * (header.cells.length - 1));
      // otherwise DuckDB reads every record, each of the header's columns as csvSplitter reads it (empty as NULL),
      // or it fails, or it reads another number of records: the sink checks the count and reads those in JavaScript
      if (typeof read === "string" || read.length !== data.length) {
        missed.push(JSON.stringify({bom, text}));
        continue;
      }
      expect(read, JSON.stringify(text)).toEqual(data);
    }
    // the generator makes enough of each case to mean something
    expect(plain).toBeGreaterThan(400);
    expect(refused).toBeGreaterThan(10);
    expect(spare).toBeGreaterThan(10);
    // DuckDB's reader fails on no plain file with rows
    expect(missed, missed.join("\n")).toEqual([]);
  });
});
