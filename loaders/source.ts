import type {OrderStatus, ProductKind} from "../src/components/schema.js";
import type {RowMapping} from "./rows/rowMapping.js";
import type {RecordReader} from "./rows/sourceRecord.js";

/** One order as a source delivers it, before the snapshot numbers, derives and checks it. */
export interface SourceOrder {
  /** The source's own order id, kept when present; otherwise the snapshot numbers orders by time. */
  order_id?: string;
  customer_id: string;
  /** Shop-local wall-clock time as epoch milliseconds (Date.UTC of the local date and time). */
  ordered_at: number;
  goods_amount: number;
  discount_amount: number;
  shipping_fee: number;
  coupon_code: string | null;
  channel: string;
  status: OrderStatus;
  subscription_id: string | null;
  delivery_number: number | null;
  lines: {product_id: string; quantity: number; unit_price: number}[];
}

export interface SourceProduct {
  product_id: string;
  name: string;
  name_en: string;
  category: string;
  kind: ProductKind;
  list_price: number;
}

/** What a source hands the snapshot builder. */
export interface Source {
  kind: string;
  spec: string;
  /** Identifies the input exactly (a hash of files or parameters), recorded in the manifest. */
  fingerprint: string;
  shop: {name: string; name_en: string};
  time_zone: string;
  shipping: {fee: number; free_threshold: number} | null;
  products: SourceProduct[];
  orders(): Iterable<SourceOrder> | AsyncIterable<SourceOrder>;
}

/**
 * A source of exported rows (CSV files, a PostgreSQL query, CDNOW's logs): records read one at a time and
 * turned into orders by a mapping, with every row accounted for. Its customer ids are the shop's own and are
 * pseudonymised in the snapshot.
 */
export interface RowSource {
  kind: string;
  spec: string;
  fingerprint: string;
  mapping: RowMapping;
  reader: RecordReader;
}
