import {parseArgs} from "node:util";
import {buildSnapshot} from "../../snapshot/buildSnapshot.js";
import {openSource, SOURCE_SPECS} from "../../sources/openSource.js";
import {UsageError} from "../analysisCommand.js";
import {isoDate} from "../optionValues.js";

export const snapshotUsage = [
  "ltv snapshot --source SPEC --out DIR [--as-of YYYY-MM-DD] [--tz ZONE]",
  "  Writes the snapshot's Parquet tables and manifest.json into DIR.",
  ...SOURCE_SPECS.map((line) => `  --source ${line}`)
].join("\n");

export async function snapshotCommand(args: string[]): Promise<string> {
  const {values} = parseArgs({
    args,
    options: {source: {type: "string"}, out: {type: "string"}, "as-of": {type: "string"}, tz: {type: "string"}},
    strict: true
  });
  if (!values.source || !values.out) throw new UsageError("ltv snapshot: --source and --out are required");
  const asOf = values["as-of"] === undefined ? undefined : isoDate(values["as-of"], "--as-of");
  if (values.tz !== undefined && !isTimeZone(values.tz)) throw new UsageError(`--tz: unknown time zone ${values.tz}`);
  const source = openSource(values.source);
  const manifest = await buildSnapshot(source, {
    out: values.out,
    asOf,
    timeZone: values.tz,
    log: (message) => process.stderr.write(`${message}\n`)
  });
  return JSON.stringify({out: values.out, as_of: manifest.as_of, row_counts: manifest.row_counts}, null, 2);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", {timeZone: zone});
    return true;
  } catch {
    return false;
  }
}
