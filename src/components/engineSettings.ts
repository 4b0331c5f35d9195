/**
 * What every DuckDB that runs the analyses' SQL sets on its connection: a page's DuckDB-WASM (duckdbBrowser.ts), the
 * Node build that computes the answers a site ships and runs the SQL tests (loaders/wasmDuckDB.ts), and native
 * DuckDB in the benchmark, so that all of them run the same plans.
 *
 * perfect_ht_threshold: a GROUP BY whose keys' value ranges (from the tables' statistics) fit in 20 bits, rather
 * than DuckDB's default 12, is aggregated in an array indexed by the keys instead of a hash table. The RFM grid
 * counts customers per (recency days 0–1,096, orders 1–68): 18 bits. At 5M orders that grouping of 2.3M customers
 * went from 42 to 28 ms in DuckDB-WASM (native 24 → 21 ms); the other analyses' default queries were unchanged
 * (`npm run bench`). The array is sized by the keys' ranges, not by the rows: 2^20 slots at most. A query that
 * groups a few rows by such keys pays for it: grouping one customer by (recency, orders) took 4.7 ms instead of 2.8.
 */
export const ENGINE_SETTINGS_SQL = "SET perfect_ht_threshold = 20";
