import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, normalize, resolve, sep} from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".duckdb": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".png": "image/png"
};

/**
 * Serves a built site on 127.0.0.1 the way a static host does (clean URLs: /data → data.html). Paths matching
 * `missing` answer 404, to see how a page fails.
 */
export async function serveDist(folder: string, missing?: RegExp): Promise<{origin: string; close(): Promise<void>}> {
  const dir = resolve(folder);
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    const file = missing?.test(path) ? undefined : [path, `${path}.html`, join(path, "index.html")]
      .map((p) => join(dir, p))
      .find((p) => p.startsWith(dir + sep) && existsSync(p) && statSync(p).isFile());
    if (!file) {
      response.writeHead(404, {"content-type": "text/plain"}).end("not found");
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": statSync(file).size
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const {port} = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
