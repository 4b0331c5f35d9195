/**
 * The detail of the User Timing entries a page leaves for each query (`ltv:query-start`, `ltv:query`,
 * `ltv:answer`): the start of its SQL, for a reader of dev tools, and a hash of all of it, since several queries
 * of a page begin alike. The benchmark and the tests find a query by it, so all take it from here.
 */
export function queryTimingDetail(sql: string): string {
  const text = sql.trim();
  return `${text.slice(0, 120)} #${fnv1a(text)}`;
}

/** 32-bit FNV-1a of the text's UTF-16 code units, as 8 hex digits: a name, not a checksum against tampering. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}
