import {customerListSql} from "../../../src/components/customerList.js";
import {DEFAULT_THRESHOLDS, SEGMENT_SCHEMES, SEGMENTS, type SegmentScheme} from "../../../src/components/segmentSchemes.js";
import {segmentIdsSql, segmentsSql} from "../../../src/components/segments.js";
import {UsageError, type AnalysisCommand, type OptionValues} from "../analysisCommand.js";

function scheme(values: OptionValues): SegmentScheme {
  const name = values.scheme as SegmentScheme;
  if (!SEGMENT_SCHEMES.includes(name)) throw new UsageError(`--scheme takes one of ${SEGMENT_SCHEMES.join(", ")}, got ${String(values.scheme)}`);
  return name;
}

/** `--threshold name=value` overrides, checked against the scheme's own threshold names. */
function thresholds(name: SegmentScheme, values: OptionValues): Record<string, number> {
  const given = (values.threshold as unknown as string[] | undefined) ?? [];
  const known = Object.keys(DEFAULT_THRESHOLDS[name]);
  return Object.fromEntries(
    given.map((pair) => {
      const [key, raw] = pair.split("=");
      const value = Number(raw);
      if (!known.includes(key) || raw === undefined || !Number.isFinite(value)) {
        throw new UsageError(`--threshold ${pair}: want name=number with a name of ${name}'s: ${known.join(", ")}`);
      }
      return [key, value];
    })
  );
}

export const segmentsCommand: AnalysisCommand = {
  name: "segments",
  summary: "Each segment's share of customers and of revenue, LTV, orders per customer and AOV, for a scheme.",
  options: {scheme: {type: "string", default: "lifecycle"}, threshold: {type: "string", multiple: true}, segment: {type: "string"}},
  usage: [
    `--scheme NAME           ${SEGMENT_SCHEMES.join(" | ")} (default lifecycle)`,
    "--threshold NAME=VALUE  change one of the scheme's thresholds (repeatable), e.g. activeDays=60",
    "--segment CODE          instead: the customers of one segment"
  ],
  sql(values, manifest) {
    const name = scheme(values);
    const options = {scheme: name, thresholds: thresholds(name, values), asOf: manifest.as_of};
    if (values.segment === undefined) return segmentsSql(options);
    const segment = String(values.segment);
    const codes = SEGMENTS[name].map(([code]) => code);
    if (!codes.includes(segment)) throw new UsageError(`--segment takes one of ${codes.join(", ")} for ${name}`);
    return customerListSql(segmentIdsSql({...options, segment}));
  }
};
