import {DOUBLE, BIGINT, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType} from "@duckdb/node-api";
import {CURRENCY_MINOR_DIGITS} from "../../src/components/schema.js";
import {ChunkAppender} from "./chunkAppender.js";
import {countParser, moneyParser, orderTimeParser, type Parsed} from "./fieldParsers.js";
import {fieldColumns, type RowField, type RowMapping} from "./rowMapping.js";

/** What each parsed field is read with, and the type of its values. */
export const PARSED_FIELDS = {
  money: {fields: ["line_amount", "unit_price", "shipping_fee", "discount_amount"], type: "BIGINT"},
  count: {fields: ["quantity", "delivery_number"], type: "INTEGER"},
  time: {fields: ["ordered_at"], type: "DOUBLE"}
} as const satisfies Record<string, {fields: RowField[]; type: string}>;

export type ParsedKind = keyof typeof PARSED_FIELDS;

const APPENDER_TYPES: Record<ParsedKind, DuckDBType> = {money: BIGINT, count: INTEGER, time: DOUBLE};

/** The distinct texts of a kind's fields in source_cells that SQL has not read already (see fastTimeSql). */
export function unparsedTextsSql(kind: ParsedKind, mapping: RowMapping): string | null {
  const fields = PARSED_FIELDS[kind].fields.filter((field) => fieldColumns(mapping, field).length > 0);
  if (fields.length === 0) return null;
  // one small grouping per field: cheaper than one over all their cells
  return fields.map((field) => `SELECT ${field} AS text FROM source_cells WHERE ${field} IS NOT NULL${field === "ordered_at" ? " AND ordered_at_fast IS NULL" : ""} GROUP BY ALL`).join("\nUNION\n");
}

/**
 * parsed_money, parsed_count and parsed_time: each distinct text of the fields read with a parser, with its value or
 * the reason it has none, read by fieldParsers in JavaScript. Exports repeat their prices, counts and times, so this
 * parses a few thousand texts for millions of rows; they are read `batch` at a time.
 */
export async function parseTexts(connection: DuckDBConnection, mapping: RowMapping, batch = PARSE_BATCH): Promise<void> {
  const parsers: Record<ParsedKind, (text: string) => Parsed<number>> = {
    money: moneyParser(CURRENCY_MINOR_DIGITS[mapping.currency], mapping.max_amount),
    count: countParser(100_000),
    time: orderTimeParser(mapping.date_format, mapping.time_zone)
  };
  for (const kind of Object.keys(PARSED_FIELDS) as ParsedKind[]) {
    await connection.run(`CREATE TABLE parsed_${kind} (text VARCHAR, value ${PARSED_FIELDS[kind].type}, reason VARCHAR)`);
    const sql = unparsedTextsSql(kind, mapping);
    if (sql === null) continue;
    // numbered and read a batch at a time: times a format SQL cannot read can be as many as the orders
    await connection.run(`CREATE TABLE unparsed AS SELECT text, row_number() OVER () AS n FROM (${sql})`);
    const total = Number((await connection.runAndReadAll("SELECT count(*) FROM unparsed")).getRows()[0][0]);
    for (let from = 1; from <= total; from += batch) {
      const texts = (await connection.runAndReadAll(`SELECT text FROM unparsed WHERE n >= ${from} AND n < ${from + batch}`)).getRows();
      const appender = new ChunkAppender(await connection.createAppender(`parsed_${kind}`), [VARCHAR, APPENDER_TYPES[kind], VARCHAR]);
      for (const [cell] of texts) {
        const text = String(cell);
        const parsed = parsers[kind](text);
        appender.append("value" in parsed ? [text, kind === "money" ? BigInt(parsed.value) : parsed.value, null] : [text, null, parsed.reason]);
      }
      appender.close();
    }
    await connection.run("DROP TABLE unparsed");
  }
}

/** Texts read into JavaScript at a time. */
const PARSE_BATCH = 100_000;
