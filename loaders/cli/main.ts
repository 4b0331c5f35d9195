import {analysisUsage, runAnalysisCommand, UsageError, type AnalysisCommand} from "./analysisCommand.js";
import {clvCommand} from "./commands/clv.js";
import {ltvCurveCommand} from "./commands/cohortLtv.js";
import {overviewCommand} from "./commands/overview.js";
import {pseudonymsCommand, pseudonymsUsage} from "./commands/pseudonyms.js";
import {repurchaseCommand} from "./commands/repurchase.js";
import {rfmCommand} from "./commands/rfm.js";
import {routesCommand} from "./commands/routes.js";
import {segmentsCommand} from "./commands/segments.js";
import {subscriptionsCommand} from "./commands/subscriptions.js";
import {shippingCommand} from "./commands/shipping.js";
import {snapshotCommand, snapshotUsage} from "./commands/snapshot.js";

/** Every analysis subcommand; each runs its page's SQL builder. */
const analyses: AnalysisCommand[] = [overviewCommand, rfmCommand, segmentsCommand, ltvCurveCommand, routesCommand, subscriptionsCommand, repurchaseCommand, shippingCommand, clvCommand];

function usage(): string {
  return ["Usage:", snapshotUsage, pseudonymsUsage, ...analyses.map(analysisUsage)].join("\n\n");
}

async function main(argv: string[]): Promise<string> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help") return usage();
  if (name === "snapshot") return snapshotCommand(args);
  if (name === "pseudonyms") return pseudonymsCommand(args);
  const analysis = analyses.find((command) => command.name === name);
  if (!analysis) throw new UsageError(`unknown command: ${name}`);
  return runAnalysisCommand(analysis, args);
}

main(process.argv.slice(2)).then(
  (output) => process.stdout.write(output.endsWith("\n") ? output : `${output}\n`),
  (error: Error) => {
    const usageError = error instanceof UsageError || (error as {code?: string}).code?.startsWith("ERR_PARSE_ARGS");
    process.stderr.write(`ltv: ${error.message}\n${usageError ? `\n${usage()}\n` : ""}`);
    process.exitCode = usageError ? 2 : 1;
  }
);
