import {csvRecords} from "../rows/csvRecords.js";
import {mappedColumns, type RowMapping} from "../rows/rowMapping.js";
import type {RowSource} from "../source.js";
import {fileFingerprint} from "./fileFingerprint.js";

/** CSV files (a path or a glob, one snapshot) read with a mapping: `csv:FILE --config FILE`, and the presets. */
export async function csvSource(kind: string, pattern: string, mapping: RowMapping): Promise<RowSource> {
  const reader = await csvRecords(pattern, {encoding: mapping.encoding, delimiter: mapping.delimiter, required: mappedColumns(mapping)});
  return {kind, spec: `${kind}:${pattern}`, fingerprint: await fileFingerprint(reader.paths, mapping), mapping, reader};
}
