import {createReadStream} from "node:fs";
import {access} from "node:fs/promises";
import {basename} from "node:path";
import {createInterface} from "node:readline";
import {checkRowMapping} from "../rows/rowMapping.js";
import {batchReader, RECORD_BATCH, recordsWithHeader, type SourceRecord} from "../rows/sourceRecord.js";
import type {RowSource} from "../source.js";
import {fileFingerprint} from "./fileFingerprint.js";

/**
 * CDNOW's purchases as the literature uses them: a customer's purchases of one day are one order, worth the
 * dollars paid (in cents). The number of CDs is not kept: a line is the day's row at its amount.
 */
export const CDNOW_MAPPING = checkRowMapping(
  {
    shop: {name: "CDNOW", name_en: "CDNOW"},
    time_zone: "America/New_York",
    date_format: "%Y%m%d",
    currency: "USD",
    columns: {customer_id: "customer_id", ordered_at: "date", line_amount: "dollar_value"},
    orders_without_id: "customer_day",
    default_product: {id: "CD", name: "CD"},
    default_category: "music"
  },
  "the CDNOW mapping"
);

const MASTER = ["customer_id", "date", "number_of_cds", "dollar_value"];
const SAMPLE = ["customer_id", "sample_id", "date", "number_of_cds", "dollar_value"];

/**
 * `cdnow:FILE`: the master log (a header line, four fields) or the papers' 1/10 sample (no header, five
 * fields, the master id first), fields separated by blanks.
 */
export async function cdnowSource(file: string): Promise<RowSource> {
  await access(file).catch((error: Error) => {
    throw new Error(`${file}: cannot read: ${error.message}`);
  });
  return {
    kind: "cdnow",
    spec: `cdnow:${file}`,
    fingerprint: await fileFingerprint([file], CDNOW_MAPPING),
    mapping: CDNOW_MAPPING,
    reader: batchReader([basename(file)], [file], () => cdnowRecords(file))
  };
}

async function* cdnowRecords(path: string): AsyncGenerator<SourceRecord[]> {
  const file = basename(path);
  let toRecord: ReturnType<typeof recordsWithHeader> | null = null;
  let row = 0;
  let rows = 0;
  let batch: SourceRecord[] = [];
  for await (const line of createInterface({input: createReadStream(path), crlfDelay: Infinity})) {
    row++;
    const fields = line.trim().split(/\s+/);
    if (line.trim() === "") continue;
    if (toRecord === null) {
      // the master file names its fields; the sample starts with data
      const named = !/^\d+$/.test(fields[0]);
      toRecord = recordsWithHeader(file, named ? fields : fields.length === SAMPLE.length ? SAMPLE : MASTER);
      if (named) continue;
    }
    rows++;
    batch.push(toRecord(row, fields));
    if (batch.length === RECORD_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
  if (rows === 0) throw new Error(`${file}: the file has no purchases`);
}
