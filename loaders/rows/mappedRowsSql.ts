import type {OrderStatus} from "../../src/components/schema.js";
import {sqlLiteral} from "../../src/components/sqlLiteral.js";
import {PARSED_FIELDS, type ParsedKind} from "./parsedTexts.js";
import {fieldColumns, type RowField, type RowMapping} from "./rowMapping.js";

/** Separates the parts of an order key made of several values (a control character no export field holds alone). */
const KEY_SEPARATOR = "chr(31)";

/**
 * mapped_rows: every source row as a staged row, or with the first reason it cannot be one (`rejection`: reason,
 * column, offending value). The checks run in the order a row's fields are read, each the first time its field is
 * read: the whole row, order id, customer, time, product, quantity, line amount, unit price, subscription, status,
 * shipping fee, discount, coupon, channel, subscription id, delivery number, product name. `staged_rows` is the rows
 * without one, and `rejected_rows` gets the others.
 */
export function mappedRowsSql(mapping: RowMapping): string {
  const mapped = (field: RowField) => fieldColumns(mapping, field).length > 0;
  const column = (field: RowField) => {
    const names = fieldColumns(mapping, field);
    return names.length > 1 ? `${field}_column` : sqlLiteral(names[0] ?? null);
  };
  const firstColumn = (field: RowField) => sqlLiteral(fieldColumns(mapping, field)[0] ?? null);
  const checks: string[] = [];
  const reject = (when: string, reason: string, column: string, value: string) =>
    checks.push(`WHEN ${when} THEN {'reason': ${reason}, 'column': ${column}, 'value': ${value}}`);
  // a cell with U+FFFD held bytes its encoding could not read; a customer id is never shown
  const undecodable = (field: RowField, guard = "") => {
    if (mapped(field)) reject(`${guard}contains(${field}, '\uFFFD')`, "'undecodable_bytes'", column(field), field === "customer_id" ? "NULL" : `left(${field}, 80)`);
  };
  const unparsed = (field: RowField, guard = "") => {
    undecodable(field, guard);
    if (mapped(field)) reject(`${guard}${field}_reason IS NOT NULL`, `${field}_reason`, column(field), `left(${field}, 80)`);
  };
  const withOrderId = mapped("order_id");

  reject("problem IS NOT NULL", "problem", "''", "NULL");
  if (withOrderId) {
    undecodable("order_id");
    reject("order_id IS NULL", "'missing_order_id'", firstColumn("order_id"), "NULL");
  }
  undecodable("customer_id");
  // with an order id, the customer and time may sit on the order's first row only (Shopify)
  if (!withOrderId) reject("customer_id IS NULL", "'missing_customer_id'", firstColumn("customer_id"), "NULL");
  unparsed("ordered_at");
  if (!withOrderId) reject("ordered_at IS NULL", "'bad_date'", firstColumn("ordered_at"), "''");
  if (mapped("product_id")) {
    undecodable("product_id");
    reject("product_id IS NULL", "'missing_product'", firstColumn("product_id"), "NULL");
  }
  unparsed("quantity");
  unparsed("line_amount");
  // the unit price is read only for a row without a line amount
  unparsed("unit_price", "line_amount IS NULL AND ");
  reject("line_amount IS NULL AND unit_price IS NULL", "'not_a_number'", firstColumn("unit_price"), "''");
  undecodable("subscription");
  undecodable("cancelled_at");
  // a cancellation date makes the order cancelled whatever its status says
  undecodable("status", "cancelled_at IS NULL AND ");
  if (mapped("status")) reject("cancelled_at IS NULL AND status IS NOT NULL AND status_value IS NULL", "'unknown_status'", column("status"), "left(status, 80)");
  unparsed("shipping_fee");
  unparsed("discount_amount");
  undecodable("coupon_code");
  undecodable("channel");
  undecodable("subscription_id");
  unparsed("delivery_number");
  undecodable("product_name");

  const product = mapping.default_product;
  const orderKey = withOrderId
    ? "order_id"
    : mapping.orders_without_id === "customer_day"
      ? `customer_id || ${KEY_SEPARATOR} || CAST(floor(ordered_at_value / 86400000) AS BIGINT)`
      : `f.file || ${KEY_SEPARATOR} || CAST(p."row" AS VARCHAR)`;
  const subscriptionValues = mapping.subscription_values.length > 0 ? `subscription IN (${mapping.subscription_values.map(sqlLiteral).join(", ")})` : "FALSE";
  return `
CREATE TABLE mapped_rows AS
WITH parsed AS (
  SELECT c.*, ${parsedValues(mapping)},
    ${statusSql(mapping)} AS status_value
  FROM source_cells c
  ${parsedJoins(mapping)}
)
SELECT f.file, p."row",
  CASE ${checks.join("\n    ")} END AS rejection,
  ${orderKey} AS order_key, order_id, customer_id AS customer_key, ordered_at_value AS ordered_at_ms,
  CASE WHEN cancelled_at IS NOT NULL THEN 'cancelled' WHEN status IS NULL THEN ${mapped("status") ? "NULL" : "'completed'"} ELSE status_value END AS status,
  shipping_fee_value AS shipping_fee, discount_amount_value AS discount_amount, coupon_code, channel,
  CASE WHEN subscription IS NOT NULL THEN ${subscriptionValues} END AS is_subscription, subscription_id,
  delivery_number_value AS delivery_number,
  ${mapped("product_id") ? "product_id" : sqlLiteral(product!.id)} AS product_id,
  ${mapped("product_id") ? "product_name" : `coalesce(product_name, ${sqlLiteral(product!.name)})`} AS product_name,
  -- a line given as an amount is one line of that amount (CDNOW's dollars for several CDs)
  CAST(CASE WHEN line_amount IS NOT NULL THEN 1 ELSE coalesce(quantity_value, 1) END AS INTEGER) AS quantity,
  coalesce(line_amount_value, unit_price_value) AS unit_price
FROM parsed p JOIN source_files f ON f.file_index = p.file_index;

CREATE VIEW staged_rows AS SELECT * EXCLUDE (rejection) FROM mapped_rows WHERE rejection IS NULL;

INSERT INTO rejected_rows
SELECT file, "row", struct_extract(rejection, 'column'), struct_extract(rejection, 'reason'), struct_extract(rejection, 'value'), order_id
FROM mapped_rows WHERE rejection IS NOT NULL;`;
}

/** Each parsed field's value and reason: its text's row in parsed_<kind>; a time SQL read itself is not there. */
function parsedValues(mapping: RowMapping): string {
  return kindsOfFields()
    .map(({field}, i) => {
      if (fieldColumns(mapping, field).length === 0) return `NULL AS ${field}_value, CAST(NULL AS VARCHAR) AS ${field}_reason`;
      const value = field === "ordered_at" ? `coalesce(ordered_at_fast, p${i}.value)` : `p${i}.value`;
      return `${value} AS ${field}_value, p${i}.reason AS ${field}_reason`;
    })
    .join(",\n    ");
}

function parsedJoins(mapping: RowMapping): string {
  return kindsOfFields()
    .map(({kind, field}, i) => (fieldColumns(mapping, field).length === 0 ? "" : `LEFT JOIN parsed_${kind} p${i} ON p${i}.text = c.${field}`))
    .filter(Boolean)
    .join("\n  ");
}

function kindsOfFields(): {kind: ParsedKind; field: RowField}[] {
  return (Object.keys(PARSED_FIELDS) as ParsedKind[]).flatMap((kind) => PARSED_FIELDS[kind].fields.map((field) => ({kind, field})));
}

/** The status a status text means (the mapping's status_values; a value listed twice means its last status). */
function statusSql(mapping: RowMapping): string {
  const meaning = new Map(Object.entries(mapping.status_values).flatMap(([status, values]) => values.map((v) => [v, status as OrderStatus])));
  if (meaning.size === 0) return "CAST(NULL AS VARCHAR)";
  return `CASE status ${[...meaning].map(([value, status]) => `WHEN ${sqlLiteral(value)} THEN ${sqlLiteral(status)}`).join(" ")} END`;
}
