// Benchmark: the free-shipping sweep grouped by amount (what the page runs) against the straightforward
// join of every order with every threshold, in DuckDB-WASM (Node build, the browser's engine) and native
// DuckDB, on a demo shop of BENCH_ORDERS orders (default 1,000,000). Prints medians, min–max and ratios.
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {parseThresholds, shippingSweepSql} from "../src/components/shippingThreshold.js";
import {openSnapshotInWasm, snapshotOf} from "../tests/support/snapshotInWasm.js";
import {demoSource} from "../loaders/sources/demoSource.js";

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

async function time(run: () => Promise<unknown> | unknown): Promise<{median: number; min: number; max: number}> {
  const times: number[] = [];
  await run(); // warm-up
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1]};
}

const show = ({median, min, max}: {median: number; min: number; max: number}) =>
  `${median.toFixed(1)} ms (${min.toFixed(1)}–${max.toFixed(1)})`;

process.stderr.write(`building a demo snapshot of about ${orders.toLocaleString("en-US")} orders …\n`);
const {out, manifest} = await snapshotOf(demoSource(orders));
const wasm = await openSnapshotInWasm(out);
const native = await (await DuckDBInstance.create(":memory:", {threads: "1"})).connect();
await native.run(`CREATE TABLE orders AS SELECT * FROM read_parquet('${join(out, "orders.parquet")}')`);

const grouped = shippingSweepSql(options);
const results = {
  orders: manifest.row_counts.orders,
  wasm: {grouped: await time(() => wasm.rows(grouped)), naive: await time(() => wasm.rows(naiveSql))},
  native_1_thread: {grouped: await time(() => native.run(grouped)), naive: await time(() => native.run(naiveSql))}
};
console.log(`free-shipping sweep, ${results.orders.toLocaleString("en-US")} orders, ${options.thresholds.length} thresholds, median of ${runs} (min–max)`);
for (const engine of ["wasm", "native_1_thread"] as const) {
  const {grouped: g, naive: n} = results[engine];
  console.log(`  ${engine.padEnd(16)} grouped ${show(g)}   naive join ${show(n)}   naive / grouped ${(n.median / g.median).toFixed(1)}×`);
}
console.log(`  wasm / native (grouped) ${(results.wasm.grouped.median / results.native_1_thread.grouped.median).toFixed(2)}×`);
console.log(JSON.stringify(results));
