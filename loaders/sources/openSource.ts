import {UsageError} from "../cli/analysisCommand.js";
import type {Source} from "../source.js";
import {demoSource} from "./demoSource.js";

/** The `--source` forms the command line and the site's data loaders accept. */
export const SOURCE_SPECS = ["demo            the built-in demo shop at its default size", "demo:ORDERS     the demo shop with about ORDERS orders (e.g. demo:1000000)"];

/** Resolves a source spec such as `demo` or `demo:1000000`. */
export function openSource(spec: string): Source {
  const [kind, rest] = splitSpec(spec);
  if (kind === "demo") {
    if (rest === undefined) return demoSource();
    const orders = Number(rest.replaceAll("_", ""));
    if (!/^[\d_]+$/.test(rest) || orders < 100) throw new UsageError(`demo:ORDERS takes a whole number ≥ 100, got ${rest}`);
    return demoSource(orders);
  }
  throw new UsageError(`unknown source ${spec}; supported:\n  ${SOURCE_SPECS.join("\n  ")}`);
}

function splitSpec(spec: string): [string, string | undefined] {
  const colon = spec.indexOf(":");
  return colon < 0 ? [spec, undefined] : [spec.slice(0, colon), spec.slice(colon + 1)];
}
