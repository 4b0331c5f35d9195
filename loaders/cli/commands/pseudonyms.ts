import {parseArgs} from "node:util";
import {writePseudonymMap} from "../../rows/pseudonymMap.js";
import {openSource} from "../../sources/openSource.js";
import {UsageError} from "../analysisCommand.js";

export const pseudonymsUsage = [
  "ltv pseudonyms --source SPEC [--config MAPPING.json] --out MAP.csv",
  "  Local only: writes pseudonym,shop_customer_id for every customer of the source, with the same key as",
  "  the snapshot, to turn a report's customer list back into the shop's ids. Never publish the file."
].join("\n");

export async function pseudonymsCommand(args: string[]): Promise<string> {
  const {values} = parseArgs({args, options: {source: {type: "string"}, config: {type: "string"}, out: {type: "string"}}, strict: true});
  if (!values.source || !values.out) throw new UsageError("ltv pseudonyms: --source and --out are required");
  const source = await openSource(values.source, {config: values.config});
  const customers = await writePseudonymMap(source, values.out, process.env, (message) => process.stderr.write(`${message}\n`));
  return JSON.stringify({out: values.out, customers}, null, 2);
}
