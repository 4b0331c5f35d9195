// Benchmark: the free-shipping sweep grouped by amount (what the page runs) against the straightforward
// join of every order with every threshold, in DuckDB-WASM (Node build, the browser's engine, on the table files)
// and native DuckDB (tables in memory), on a demo shop of BENCH_ORDERS orders (default 1,000,000), both warm
// (WARM) and with the pages' settings (ENGINE_SETTINGS_SQL). Prints medians, min–max and ratios.
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {tableFromParquetSql} from "../loaders/tableDatabase.js";
import {ENGINE_SETTINGS_SQL} from "../src/components/engineSettings.js";
import {parseThresholds, shippingSweepSql} from "../src/components/shippingThreshold.js";
import {openSnapshotInWasm, snapshotOf} from "../tests/support/snapshotInWasm.js";
import {demoSource} from "../loaders/sources/demoSource.js";
import {show, timeRuns, WARM} from "./stats.js";

const orders = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const options = {thresholds: parseThresholds("2000:10000:500"), fee: 550, near: 0.2, topUp: 0.3};

/** The baseline: every eligible order meets every threshold. Same answers, no grouping. */
const naiveSql = `
WITH eligible AS (
  SELECT revenue AS amount FROM orders
  WHERE status = 'completed' AND order_kind NOT IN ('trial', 'subscription') AND subscription_id IS NULL
),
thresholds AS (SELECT unnest(${JSON.stringify(options.thresholds)}) AS threshold)
SELECT threshold, count(*) FILTER (WHERE amount < threshold) AS orders_below,
  count(*) FILTER (WHERE amount < threshold AND amount >= threshold * 0.8) AS orders_near,
  0.3 * coalesce(sum(threshold - amount - 550) FILTER (WHERE amount < threshold AND amount >= threshold * 0.8), 0) AS net_effect
FROM thresholds, eligible GROUP BY threshold ORDER BY threshold`;

process.stderr.write(`building a demo snapshot of about ${orders.toLocaleString("en-US")} orders …\n`);
const {out, manifest} = await snapshotOf(demoSource(orders));
const wasm = await openSnapshotInWasm(out);
const native = await (await DuckDBInstance.create(":memory:", {threads: "1"})).connect();
await native.run(ENGINE_SETTINGS_SQL);
await native.run(`CREATE TABLE orders AS ${tableFromParquetSql(join(out, "orders.parquet"), "orders")}`);

const grouped = shippingSweepSql(options);
const results = {
  orders: manifest.row_counts.orders,
  wasm: {grouped: await timeRuns(runs, () => wasm.arrow(grouped), WARM), naive: await timeRuns(runs, () => wasm.arrow(naiveSql), WARM)},
  native_1_thread: {grouped: await timeRuns(runs, () => native.runAndReadAll(grouped), WARM), naive: await timeRuns(runs, () => native.runAndReadAll(naiveSql), WARM)}
};
console.log(`free-shipping sweep, ${results.orders.toLocaleString("en-US")} orders, ${options.thresholds.length} thresholds, median of at least ${runs} runs (min–max)`);
for (const engine of ["wasm", "native_1_thread"] as const) {
  const {grouped: g, naive: n} = results[engine];
  console.log(`  ${engine.padEnd(16)} grouped ${show(g, 1)} ms   naive join ${show(n, 1)} ms   naive / grouped ${(n.median / g.median).toFixed(1)}×`);
}
console.log(`  wasm (table files) / native (in memory), grouped ${(results.wasm.grouped.median / results.native_1_thread.grouped.median).toFixed(2)}×`);
console.log(JSON.stringify(results));
