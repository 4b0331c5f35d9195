/**
 * The one way a value enters SQL text: as a quoted literal. Builders and the `sql` tag use it; nothing
 * else pastes values into SQL.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return `TIMESTAMP '${value.toISOString().slice(0, 23).replace("T", " ")}'`;
  if (Array.isArray(value)) return `[${value.map(sqlLiteral).join(", ")}]`;
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  throw new TypeError(`cannot put a ${typeof value} into SQL`);
}

/** A quoted identifier (a table or column name chosen by code, never by a user). */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Joins a tagged template's strings and values, each value as a literal. */
export function sqlTemplate(strings: TemplateStringsArray, values: unknown[]): string {
  return strings.reduce((text, part, i) => text + part + (i < values.length ? sqlLiteral(values[i]) : ""), "");
}
