/**
 * The detail of the `ltv:query` User Timing entry a page leaves for each query it runs: the start of its SQL.
 * The benchmark finds a page's own query by it, so both take it from here.
 */
export function queryTimingDetail(sql: string): string {
  return sql.trim().slice(0, 120);
}
