import {UsageError} from "../cli/analysisCommand.js";
import {checkRowMapping, readRowMapping} from "../rows/rowMapping.js";
import type {RowSource, Source} from "../source.js";
import {cdnowSource} from "./cdnowSource.js";
import {csvSource} from "./csvSource.js";
import {demoSource} from "./demoSource.js";
import {postgresSource} from "./postgresSource.js";
import {SHOPIFY_MAPPING} from "./shopifyMapping.js";

/** The `--source` forms the command line and the site's data loaders accept. */
export const SOURCE_SPECS = [
  "demo             the built-in demo shop at its default size",
  "demo:ORDERS      the demo shop with about ORDERS orders (e.g. demo:1000000)",
  "csv:FILE         CSV files (a path or a quoted glob) read with --config MAPPING.json",
  "shopify:FILE     Shopify's orders export (--config optional: product kinds, currency, zone)",
  "cdnow:FILE       the CDNOW transaction log (master or sample format)",
  "postgres:URL     a table or query on a PostgreSQL server, named in --config"
];

export interface OpenOptions {
  /** The mapping file (`--config`): required for csv: and postgres:, optional for shopify:. */
  config?: string;
}

/** Resolves a source spec such as `demo:1000000` or `csv:exports/*.csv`. */
export async function openSource(spec: string, {config}: OpenOptions = {}): Promise<Source | RowSource> {
  const [kind, rest] = splitSpec(spec);
  const needs = (what: string) => {
    if (!rest) throw new UsageError(`${kind}: needs ${what}, as in ${kind}:${what}`);
    return rest;
  };
  const configFile = () => config ?? failUsage(`${kind}: sources need --config MAPPING.json (see data/sources/ for examples)`);
  switch (kind) {
    case "demo": {
      if (rest === undefined) return demoSource();
      const orders = Number(rest.replaceAll("_", ""));
      if (!/^[\d_]+$/.test(rest) || orders < 100) throw new UsageError(`demo:ORDERS takes a whole number ≥ 100, got ${rest}`);
      return demoSource(orders);
    }
    case "csv":
      return csvSource("csv", needs("FILE"), readRowMapping(configFile()));
    case "shopify":
      return csvSource("shopify", needs("FILE"), config ? readRowMapping(config, SHOPIFY_MAPPING) : checkRowMapping(SHOPIFY_MAPPING, "the Shopify mapping"));
    case "cdnow":
      return cdnowSource(needs("FILE"));
    case "postgres":
      return postgresSource(needs("URL"), configFile());
    default:
      throw new UsageError(`unknown source ${spec}; supported:\n  ${SOURCE_SPECS.join("\n  ")}`);
  }
}

function failUsage(message: string): never {
  throw new UsageError(message);
}

function splitSpec(spec: string): [string, string | undefined] {
  const colon = spec.indexOf(":");
  return colon < 0 ? [spec, undefined] : [spec.slice(0, colon), spec.slice(colon + 1)];
}
