import {parseArgs, type ParseArgsConfig} from "node:util";
import {csvFormat} from "d3";
import type {Manifest} from "../../src/components/schema.js";
import {openSnapshot, queryRows} from "../snapshot/openSnapshot.js";

export type OptionValues = Record<string, string | boolean | undefined>;

/**
 * An analysis on the command line: `ltv <name> --snapshot DIR [options] --format json|csv` runs the
 * very SQL builder its page runs and prints the rows the page charts.
 */
export interface AnalysisCommand {
  name: string;
  summary: string;
  /** The analysis's own options, beside --snapshot and --format. */
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Usage lines for the options. */
  usage: string[];
  /** The SQL the page runs, for these options and this snapshot; several named queries when it runs more. */
  sql(values: OptionValues, manifest: Manifest): string | Record<string, string>;
  /** What to print, when the page computes more from the rows than the SQL returns (default: the rows). */
  present?(rows: Rows | Record<string, Rows>, values: OptionValues, manifest: Manifest): unknown | Promise<unknown>;
}

type Rows = Record<string, unknown>[];

const common = {
  snapshot: {type: "string"},
  format: {type: "string", default: "json"},
  help: {type: "boolean"}
} as const;

export async function runAnalysisCommand(command: AnalysisCommand, args: string[]): Promise<string> {
  const {values} = parseArgs({args, options: {...common, ...command.options}, strict: true});
  if (values.help) return analysisUsage(command);
  if (typeof values.snapshot !== "string") throw new UsageError(`ltv ${command.name}: --snapshot DIR is required`);
  const format = values.format;
  if (format !== "json" && format !== "csv") throw new UsageError(`--format must be json or csv, got ${format}`);
  const snapshot = await openSnapshot(values.snapshot);
  try {
    const options = values as OptionValues;
    const sql = command.sql(options, snapshot.manifest);
    let rows: Rows | Record<string, Rows>;
    if (typeof sql === "string") rows = await queryRows(snapshot.connection, sql);
    else {
      rows = {};
      for (const [name, text] of Object.entries(sql)) rows[name] = await queryRows(snapshot.connection, text);
    }
    const output = command.present ? await command.present(rows, options, snapshot.manifest) : rows;
    if (format === "json") return JSON.stringify(output, null, 2);
    if (!Array.isArray(output)) throw new UsageError(`ltv ${command.name}: this output is JSON only; use --format json`);
    return csvFormat(output);
  } finally {
    snapshot.close();
  }
}

export function analysisUsage(command: AnalysisCommand): string {
  return [
    `ltv ${command.name} --snapshot DIR [options] [--format json|csv]`,
    `  ${command.summary}`,
    ...command.usage.map((line) => `  ${line}`)
  ].join("\n");
}

/** A mistake in how the command was called: printed with usage, exit code 2. */
export class UsageError extends Error {}
