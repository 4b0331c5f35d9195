import {parseArgs} from "node:util";
import {buildSnapshot} from "../../snapshot/buildSnapshot.js";
import {openSource, SOURCE_SPECS} from "../../sources/openSource.js";
import {UsageError} from "../analysisCommand.js";
import {isoDate} from "../optionValues.js";

export const snapshotUsage = [
  "ltv snapshot --source SPEC --out DIR [--config MAPPING.json] [--as-of YYYY-MM-DD] [--tz ZONE] [--max-rejected RATIO]",
  "  Writes the snapshot's Parquet tables, its rejected rows and manifest.json into DIR. Customer ids of",
  "  exported data are pseudonymised with LTV_PSEUDONYM_KEY (or .ltv/pseudonym.key, generated if missing).",
  ...SOURCE_SPECS.map((line) => `  --source ${line}`)
].join("\n");

export async function snapshotCommand(args: string[]): Promise<string> {
  const {values} = parseArgs({
    args,
    options: {
      source: {type: "string"},
      out: {type: "string"},
      config: {type: "string"},
      "as-of": {type: "string"},
      tz: {type: "string"},
      "max-rejected": {type: "string"}
    },
    strict: true
  });
  if (!values.source || !values.out) throw new UsageError("ltv snapshot: --source and --out are required");
  const asOf = values["as-of"] === undefined ? undefined : isoDate(values["as-of"], "--as-of");
  if (values.tz !== undefined && !isTimeZone(values.tz)) throw new UsageError(`--tz: unknown time zone ${values.tz}`);
  const maxRejected = values["max-rejected"] === undefined ? undefined : ratio(values["max-rejected"]);
  const source = await openSource(values.source, {config: values.config});
  const manifest = await buildSnapshot(source, {
    out: values.out,
    asOf,
    timeZone: values.tz,
    maxRejectedRatio: maxRejected,
    log: (message) => process.stderr.write(`${message}\n`)
  });
  return JSON.stringify({out: values.out, as_of: manifest.as_of, row_counts: manifest.row_counts, rows: manifest.rows}, null, 2);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", {timeZone: zone});
    return true;
  } catch {
    return false;
  }
}

function ratio(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value >= 0 && value <= 1)) throw new UsageError(`--max-rejected takes a ratio from 0 to 1 (0.05 = 5 %), got ${text}`);
  return value;
}
