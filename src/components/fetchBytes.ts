/** Fetches a file as bytes, reporting progress as chunks arrive; a failed response is an error naming the file. */
export async function fetchBytes(
  href: string,
  onProgress: (loaded: number, total: number | null) => void
): Promise<Uint8Array> {
  const response = await fetch(href);
  if (!response.ok || !response.body) throw new Error(`${href}: HTTP ${response.status} ${response.statusText}`);
  const length = Number(response.headers.get("content-length")) || null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    chunks.push(part.value);
    loaded += part.value.byteLength;
    onProgress(loaded, length);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) bytes.set(chunk, (offset += chunk.byteLength) - chunk.byteLength);
  return bytes;
}
