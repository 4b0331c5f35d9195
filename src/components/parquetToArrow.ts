import initParquet, {readParquet} from "parquet-wasm/esm";

let ready: Promise<unknown> | undefined;

/** Decodes Parquet bytes to an Arrow IPC stream with parquet-wasm (DuckDB-WASM has no offline Parquet). */
export async function parquetToArrowIPC(bytes: Uint8Array): Promise<Uint8Array> {
  ready ??= initParquet({module_or_path: import.meta.resolve("parquet-wasm/esm/parquet_wasm_bg.wasm")});
  await ready;
  return readParquet(bytes).intoIPCStream();
}
