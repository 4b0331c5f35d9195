/**
 * Fetches a file as a Blob, reporting progress as chunks arrive; a failed response is an error naming the file.
 * A Blob, not bytes: the browser keeps a Blob's contents outside the page's memory (and may page it to disk), so a
 * table file of a few hundred megabytes is not held in the renderer, and DuckDB-WASM reads from it the blocks a
 * query needs (duckdbBrowser.ts `registerBlob`). The chunks are garbage once the Blob holds them.
 */
export async function fetchBlob(href: string, onProgress: (loaded: number, total: number | null) => void): Promise<Blob> {
  const response = await fetch(href);
  if (!response.ok || !response.body) throw new Error(`${href}: HTTP ${response.status} ${response.statusText}`);
  const length = Number(response.headers.get("content-length")) || null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    chunks.push(part.value);
    loaded += part.value.byteLength;
    onProgress(loaded, length);
  }
  return new Blob(chunks);
}
