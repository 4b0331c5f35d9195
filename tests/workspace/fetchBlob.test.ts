import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {gzipSync} from "node:zlib";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {fetchBlob} from "../../src/components/fetchBlob.js";

// 3 MiB of varied bytes: many chunks
const body = Uint8Array.from({length: 3 * 2 ** 20 + 123}, (_, i) => (i * 7919) % 251);
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/exact") response.writeHead(200, {"content-length": body.byteLength}).end(body);
    // no Content-Length: chunked transfer
    else if (request.url === "/chunked") {
      response.writeHead(200);
      for (let at = 0; at < body.byteLength; at += 100_000) response.write(body.subarray(at, at + 100_000));
      response.end();
    }
    // compressed: Content-Length is the compressed size, far less than the bytes the reader receives
    else if (request.url === "/gzip") {
      const zipped = gzipSync(body);
      response.writeHead(200, {"content-encoding": "gzip", "content-length": zipped.byteLength}).end(zipped);
    } else response.writeHead(404, "Not Found").end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("fetchBlob", () => {
  for (const path of ["/exact", "/chunked", "/gzip"]) {
    it(`returns every byte of ${path}, and the size the server announced`, async () => {
      const sizes: (number | null)[] = [];
      const bytes = new Uint8Array(await (await fetchBlob(`${origin}${path}`, (total) => sizes.push(total))).arrayBuffer());
      expect(bytes.byteLength).toBe(body.byteLength);
      expect(Buffer.compare(bytes, body)).toBe(0);
      expect(sizes).toEqual([{"/exact": body.byteLength, "/chunked": null, "/gzip": gzipSync(body).byteLength}[path]]);
    });
  }

  it("names the file and the status of a failed response", async () => {
    await expect(fetchBlob(`${origin}/missing.duckdb`, () => {})).rejects.toThrow(`${origin}/missing.duckdb: HTTP 404 Not Found`);
  });
});
