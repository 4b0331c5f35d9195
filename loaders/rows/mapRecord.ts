import type {RejectionReason} from "../../src/components/rejectionReasons.js";
import {CURRENCY_MINOR_DIGITS, type OrderStatus} from "../../src/components/schema.js";
import {countParser, moneyParser, orderTimeParser, type Parsed} from "./fieldParsers.js";
import type {RowField, RowMapping} from "./rowMapping.js";
import type {SourceRecord} from "./sourceRecord.js";

/** A valid source row: one order line with its order's fields (null where this row leaves them blank). */
export interface StagedRow {
  file: string;
  row: number;
  /** Groups the rows of one order: the export's order id, or a key the mapping derives. */
  order_key: string;
  order_id: string | null;
  /** The shop's own customer id, pseudonymised before anything is written (null: on another row of the order). */
  customer_key: string | null;
  ordered_at_ms: number | null;
  status: OrderStatus | null;
  shipping_fee: number | null;
  discount_amount: number | null;
  coupon_code: string | null;
  channel: string | null;
  is_subscription: boolean | null;
  subscription_id: string | null;
  delivery_number: number | null;
  product_id: string;
  product_name: string | null;
  quantity: number;
  unit_price: number;
}

/** A row that is not in the snapshot, and why. `value` is the offending cell, never a customer id. */
export interface Rejection {
  file: string;
  row: number;
  column: string;
  reason: RejectionReason;
  value: string | null;
  /** The order the row belongs to, when its id could be read: the order's other rows go with it. */
  order_key: string | null;
}

class Rejected extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.reason);
  }
}

/** Returns a function that maps a record to a staged row, or to the first reason it cannot be one. */
export function recordMapper(mapping: RowMapping): (record: SourceRecord) => StagedRow | Rejection {
  const minorUnits = CURRENCY_MINOR_DIGITS[mapping.currency];
  const time = orderTimeParser(mapping.date_format, mapping.time_zone);
  const money = moneyParser(minorUnits, mapping.max_amount);
  const count = countParser(100_000);
  const statusOf = new Map(Object.entries(mapping.status_values).flatMap(([status, values]) => values.map((v) => [v, status as OrderStatus])));
  const subscriptionValues = new Set(mapping.subscription_values);

  return (record) => {
    // the cell of a field: the first non-empty of its columns, with the column it came from
    const cellOf = (field: RowField): {column: string; text: string} | null => {
      const columns = [mapping.columns[field] ?? []].flat();
      for (const column of columns) {
        const text = record.cell(column)?.trim();
        if (text) {
          if (text.includes("\uFFFD")) reject(column, "undecodable_bytes", field === "customer_id" ? null : text);
          return {column, text};
        }
      }
      return null;
    };
    const reject = (column: string, reason: RejectionReason, value: string | null): never => {
      const orderId = mapping.columns.order_id ? [mapping.columns.order_id].flat().map((c) => record.cell(c)?.trim()).find(Boolean) : null;
      throw new Rejected({file: record.file, row: record.row, column, reason, value: value?.slice(0, 80) ?? null, order_key: orderId ?? null});
    };
    const required = (field: RowField, reason: RejectionReason) => cellOf(field) ?? reject(String([mapping.columns[field]].flat()[0]), reason, null);
    const parsed = <T>(field: RowField, parse: (text: string) => Parsed<T>): T | null => {
      const cell = cellOf(field);
      if (cell === null) return null;
      const result = parse(cell.text);
      return "value" in result ? result.value : reject(cell.column, result.reason, cell.text);
    };
    const text = (field: RowField) => cellOf(field)?.text ?? null;

    try {
      if (record.problem) reject("", record.problem, null);
      const orderId = mapping.columns.order_id ? required("order_id", "missing_order_id").text : null;
      // with an order id, the customer and time may sit on the order's first row only (Shopify)
      const customer = orderId ? (cellOf("customer_id")?.text ?? null) : required("customer_id", "missing_customer_id").text;
      const orderedAt = parsed("ordered_at", time) ?? (orderId ? null : reject(String([mapping.columns.ordered_at].flat()[0]), "bad_date", ""));
      const product = mapping.columns.product_id ? required("product_id", "missing_product").text : mapping.default_product!.id;
      const quantity = parsed("quantity", count) ?? 1;
      const lineAmount = parsed("line_amount", money);
      const unitPrice = lineAmount ?? parsed("unit_price", money) ?? reject(String([mapping.columns.unit_price].flat()[0]), "not_a_number", "");
      const statusCell = cellOf("status");
      const status = text("cancelled_at") ? "cancelled" : statusCell ? (statusOf.get(statusCell.text) ?? reject(statusCell.column, "unknown_status", statusCell.text)) : mapping.columns.status ? null : "completed";
      const subscription = cellOf("subscription");
      return {
        file: record.file,
        row: record.row,
        order_key: orderId ?? orderKeyWithoutId(mapping, record, customer!, orderedAt!),
        order_id: orderId,
        customer_key: customer,
        ordered_at_ms: orderedAt,
        status,
        shipping_fee: parsed("shipping_fee", money),
        discount_amount: parsed("discount_amount", money),
        coupon_code: text("coupon_code"),
        channel: text("channel"),
        is_subscription: subscription ? subscriptionValues.has(subscription.text) : null,
        subscription_id: text("subscription_id"),
        delivery_number: parsed("delivery_number", count),
        product_id: product,
        product_name: text("product_name") ?? (mapping.columns.product_id ? null : mapping.default_product!.name),
        // a line given as an amount is one line of that amount (CDNOW's dollars for several CDs)
        quantity: lineAmount === null ? quantity : 1,
        unit_price: unitPrice
      };
    } catch (error) {
      if (error instanceof Rejected) return error.rejection;
      throw error;
    }
  };
}

/** Without an order id, an order is one row, or all of a customer's rows of one day (CDNOW's convention). */
function orderKeyWithoutId(mapping: RowMapping, record: SourceRecord, customer: string, orderedAt: number): string {
  return mapping.orders_without_id === "customer_day"
    ? `${customer}\u0000${Math.floor(orderedAt / 86_400_000)}`
    : `${record.file}\u0000${record.row}`;
}
