// The row mapping as the loader did it in JavaScript, row by row, before it moved to SQL (mappedRowsSql): kept
// here as the second implementation the SQL is held to, on hand-made and random rows.
import type {RejectionReason} from "../../src/components/rejectionReasons.js";
import {CURRENCY_MINOR_DIGITS, type OrderStatus} from "../../src/components/schema.js";
import {countParser, moneyParser, orderTimeParser, type Parsed} from "../../loaders/rows/fieldParsers.js";
import {ROW_FIELDS, type RowField, type RowMapping} from "../../loaders/rows/rowMapping.js";
import type {SourceRecord} from "../../loaders/rows/sourceRecord.js";

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
  const mapper = new RecordMapper(mapping);
  return (record) => mapper.map(record);
}

type Cell = {column: string; text: string};

/** The mapping compiled once. */
class RecordMapper {
  readonly #mapping: RowMapping;
  readonly #columns: Record<RowField, string[]>;
  readonly #time: (text: string) => Parsed<number>;
  readonly #money: (text: string) => Parsed<number>;
  readonly #count = countParser(100_000);
  readonly #statusOf: Map<string, OrderStatus>;
  readonly #subscriptionValues: Set<string>;

  constructor(mapping: RowMapping) {
    this.#mapping = mapping;
    this.#columns = Object.fromEntries(ROW_FIELDS.map((field) => [field, [mapping.columns[field] ?? []].flat()])) as Record<RowField, string[]>;
    this.#time = orderTimeParser(mapping.date_format, mapping.time_zone);
    this.#money = moneyParser(CURRENCY_MINOR_DIGITS[mapping.currency], mapping.max_amount);
    this.#statusOf = new Map(Object.entries(mapping.status_values).flatMap(([status, values]) => values.map((v) => [v, status as OrderStatus])));
    this.#subscriptionValues = new Set(mapping.subscription_values);
  }

  map(record: SourceRecord): StagedRow | Rejection {
    try {
      return this.#staged(record);
    } catch (error) {
      if (error instanceof Rejected) return error.rejection;
      throw error;
    }
  }

  #staged(record: SourceRecord): StagedRow {
    const mapping = this.#mapping;
    if (record.problem) this.#reject(record, "", record.problem, null);
    const orderId = mapping.columns.order_id ? this.#required(record, "order_id", "missing_order_id") : null;
    // with an order id, the customer and time may sit on the order's first row only (Shopify)
    const customer = orderId ? this.#text(record, "customer_id") : this.#required(record, "customer_id", "missing_customer_id");
    const orderedAt = this.#parsed(record, "ordered_at", this.#time) ?? (orderId ? null : this.#reject(record, this.#columns.ordered_at[0], "bad_date", ""));
    const product = mapping.columns.product_id ? this.#required(record, "product_id", "missing_product") : mapping.default_product!.id;
    const quantity = this.#parsed(record, "quantity", this.#count) ?? 1;
    const lineAmount = this.#parsed(record, "line_amount", this.#money);
    const unitPrice = lineAmount ?? this.#parsed(record, "unit_price", this.#money) ?? this.#reject(record, this.#columns.unit_price[0], "not_a_number", "");
    const subscription = this.#text(record, "subscription");
    return {
      file: record.file,
      row: record.row,
      order_key: orderId ?? orderKeyWithoutId(mapping, record, customer!, orderedAt!),
      order_id: orderId,
      customer_key: customer,
      ordered_at_ms: orderedAt,
      status: this.#status(record),
      shipping_fee: this.#parsed(record, "shipping_fee", this.#money),
      discount_amount: this.#parsed(record, "discount_amount", this.#money),
      coupon_code: this.#text(record, "coupon_code"),
      channel: this.#text(record, "channel"),
      is_subscription: subscription === null ? null : this.#subscriptionValues.has(subscription),
      subscription_id: this.#text(record, "subscription_id"),
      delivery_number: this.#parsed(record, "delivery_number", this.#count),
      product_id: product,
      product_name: this.#text(record, "product_name") ?? (mapping.columns.product_id ? null : mapping.default_product!.name),
      // a line given as an amount is one line of that amount (CDNOW's dollars for several CDs)
      quantity: lineAmount === null ? quantity : 1,
      unit_price: unitPrice
    };
  }

  #status(record: SourceRecord): OrderStatus | null {
    if (this.#text(record, "cancelled_at")) return "cancelled";
    const cell = this.#cell(record, "status");
    if (cell === null) return this.#mapping.columns.status ? null : "completed";
    return this.#statusOf.get(cell.text) ?? this.#reject(record, cell.column, "unknown_status", cell.text);
  }

  /** The cell of a field: the first non-empty of its columns, with the column it came from. */
  #cell(record: SourceRecord, field: RowField): Cell | null {
    for (const column of this.#columns[field]) {
      const text = record.cell(column)?.trim();
      if (text) {
        if (text.includes("\uFFFD")) this.#reject(record, column, "undecodable_bytes", field === "customer_id" ? null : text);
        return {column, text};
      }
    }
    return null;
  }

  #text(record: SourceRecord, field: RowField): string | null {
    return this.#cell(record, field)?.text ?? null;
  }

  #required(record: SourceRecord, field: RowField, reason: RejectionReason): string {
    return this.#cell(record, field)?.text ?? this.#reject(record, this.#columns[field][0], reason, null);
  }

  #parsed<T>(record: SourceRecord, field: RowField, parse: (text: string) => Parsed<T>): T | null {
    const cell = this.#cell(record, field);
    if (cell === null) return null;
    const result = parse(cell.text);
    return "value" in result ? result.value : this.#reject(record, cell.column, result.reason, cell.text);
  }

  #reject(record: SourceRecord, column: string, reason: RejectionReason, value: string | null): never {
    const orderId = this.#columns.order_id.map((c) => record.cell(c)?.trim()).find(Boolean);
    // the first 80 characters (code points, as SQL counts them)
    throw new Rejected({file: record.file, row: record.row, column, reason, value: value === null ? null : Array.from(value).slice(0, 80).join(""), order_key: orderId ?? null});
  }
}

/** Without an order id, an order is one row, or all of a customer's rows of one day (CDNOW's convention). */
function orderKeyWithoutId(mapping: RowMapping, record: SourceRecord, customer: string, orderedAt: number): string {
  return mapping.orders_without_id === "customer_day"
    ? `${customer}\u001f${Math.floor(orderedAt / 86_400_000)}`
    : `${record.file}\u001f${record.row}`;
}
