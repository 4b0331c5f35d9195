/**
 * Fetches a file as a Blob; a failed response is an error naming the file. `onSize` hears the announced size
 * (Content-Length, when there is one) as soon as the response starts.
 *
 * A Blob, not bytes, and made by the browser from the response (`response.blob()`), not by the page from its chunks:
 * the browser keeps the contents outside the page's memory, in its blob storage, and DuckDB-WASM reads from it the
 * blocks a query needs (duckdbBrowser.ts `attachTableBlob`). A Blob built from chunks in the page could not be read
 * back at 20M orders (a 457 MB orders file) in headless Chromium; the response's own could. The price: no byte
 * count while the file downloads.
 */
export async function fetchBlob(href: string, onSize: (total: number | null) => void = () => {}): Promise<Blob> {
  const response = await fetch(href);
  if (!response.ok) throw new Error(`${href}: HTTP ${response.status} ${response.statusText}`);
  onSize(Number(response.headers.get("content-length")) || null);
  return response.blob();
}
