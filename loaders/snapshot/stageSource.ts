import type {DuckDBConnection} from "@duckdb/node-api";
import type {Source, SourceOrder} from "../source.js";
import {stagingTablesSql} from "./snapshotSql.js";

/** Appends a source's products, orders and lines to the staging tables; returns the number of orders read. */
export async function stageSource(connection: DuckDBConnection, source: Source, log: (message: string) => void) {
  await connection.run(stagingTablesSql());
  const products = await connection.createAppender("products");
  for (const p of source.products) {
    products.appendVarchar(p.product_id);
    products.appendVarchar(p.name);
    products.appendVarchar(p.name_en);
    products.appendVarchar(p.category);
    products.appendVarchar(p.kind);
    products.appendInteger(p.list_price);
    products.endRow();
  }
  products.closeSync();

  const orders = await connection.createAppender("staged_orders");
  const lines = await connection.createAppender("staged_lines");
  let seq = 0;
  for await (const order of source.orders()) {
    appendOrder(orders, seq, order);
    order.lines.forEach((line, i) => {
      lines.appendInteger(seq);
      lines.appendInteger(i + 1);
      lines.appendVarchar(line.product_id);
      lines.appendInteger(line.quantity);
      lines.appendInteger(line.unit_price);
      lines.endRow();
    });
    if (++seq % 500_000 === 0) log(`${seq.toLocaleString("en-US")} orders read`);
  }
  orders.closeSync();
  lines.closeSync();
  return seq;
}

type Appender = Awaited<ReturnType<DuckDBConnection["createAppender"]>>;

function appendOrder(appender: Appender, seq: number, order: SourceOrder): void {
  appender.appendInteger(seq);
  appendText(appender, order.order_id ?? null);
  appender.appendVarchar(order.customer_id);
  appender.appendDouble(order.ordered_at);
  appender.appendInteger(order.goods_amount);
  appender.appendInteger(order.discount_amount);
  appender.appendInteger(order.shipping_fee);
  appendText(appender, order.coupon_code);
  appender.appendVarchar(order.channel);
  appender.appendVarchar(order.status);
  appendText(appender, order.subscription_id);
  if (order.delivery_number === null) appender.appendNull();
  else appender.appendInteger(order.delivery_number);
  appender.endRow();
}

function appendText(appender: Appender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}
