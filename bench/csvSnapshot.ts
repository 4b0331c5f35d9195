// Benchmark: streaming a large cart export into a snapshot (`npm run bench:csv`; not part of `npm test`).
// Generates BENCH_CSV_ROWS order lines (default 10,000,000) in the Japanese cart format of
// data/sources/cart-ja-sample.csv into .cache/bench/ (once; reused while the row count matches), then runs
// `ltv snapshot --source csv:…` as a child process BENCH_RUNS times (default 3), sampling its wall time and peak
// memory. BENCH_CSV_ENCODINGS=utf-8,cp932 also measures the same rows encoded as CP932. Prints medians,
// writes bench/csv-results.json.
import {spawn} from "node:child_process";
import {once} from "node:events";
import {createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type WriteStream} from "node:fs";
import {availableParallelism, totalmem} from "node:os";
import {join, relative} from "node:path";
import {createInterface} from "node:readline";
import {finished} from "node:stream/promises";
import {fileURLToPath} from "node:url";
import {randomLcg, utcFormat} from "d3";
import iconv from "iconv-lite";
import {peakMiB} from "./processMemory.js";
import {summarise, type Summary} from "./stats.js";

type Encoding = "utf-8" | "cp932";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WORK = join(ROOT, ".cache", "bench");
const SOURCE_CONFIG = join(ROOT, "data", "sources", "cart-ja.config.json");
const OUT = join(WORK, "snapshot-csv");
const AS_OF = "2025-01-01";
/** A fixed test key, so every run pseudonymises alike (never a real shop's key). */
const TEST_KEY = "6c74762d62656e63682d6373762d736e617073686f742d746573742d6b657921";
const SEED = 20250101;
/** Bump when the generated rows change, so an older file is not reused. */
const GENERATOR_VERSION = 1;
const MiB = 1024 * 1024;

const rows = Number(process.env.BENCH_CSV_ROWS ?? 10_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const encodings = (process.env.BENCH_CSV_ENCODINGS ?? "utf-8").split(",").map((e) => e.trim().toLowerCase());
if (!Number.isInteger(rows) || rows < 1) throw new Error(`BENCH_CSV_ROWS must be a whole number ≥ 1, got ${process.env.BENCH_CSV_ROWS}`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a whole number ≥ 1, got ${process.env.BENCH_RUNS}`);
for (const e of encodings) if (e !== "utf-8" && e !== "cp932") throw new Error(`BENCH_CSV_ENCODINGS takes utf-8 and cp932, got ${e}`);

const HEADER = "注文番号,注文日時,会員ID,氏名,メールアドレス,電話番号,住所,商品コード,商品名,数量,単価,送料,値引,クーポン,定期,定期回数,対応状況,受注経路,備考";
const PRODUCTS = [
  {code: "TR-001", name: "美容液 トライアルセット", price: 1000},
  {code: "SB-001", name: "美容液 定期便", price: 3980},
  {code: "MN-001", name: "美容液 本品", price: 4980},
  {code: "CS-001", name: "コラーゲンドリンク", price: 1500}
].map((p) => ({...p, priceCell: `"${p.price.toLocaleString("en-US")}"`}));
const [TRIAL, SUBSCRIPTION, MAIN, CROSS_SELL] = PRODUCTS;
const FAMILY = [["山田", "yamada"], ["佐藤", "sato"], ["鈴木", "suzuki"], ["高橋", "takahashi"], ["伊藤", "ito"], ["田中", "tanaka"], ["渡辺", "watanabe"], ["中村", "nakamura"], ["小林", "kobayashi"], ["加藤", "kato"], ["吉田", "yoshida"], ["山本", "yamamoto"]];
const GIVEN = [["花子", "hanako"], ["太郎", "taro"], ["一郎", "ichiro"], ["美咲", "misaki"], ["健", "ken"], ["陽子", "yoko"], ["翔太", "shota"], ["さくら", "sakura"], ["大輔", "daisuke"], ["直美", "naomi"], ["結衣", "yui"]];
const PLACES = ["東京都港区六本木", "大阪府大阪市北区梅田", "福岡県福岡市中央区天神", "北海道札幌市中央区北1条西", "愛知県名古屋市中区栄", "神奈川県横浜市西区みなとみらい", "京都府京都市中京区烏丸", "宮城県仙台市青葉区一番町"];
const START = Date.UTC(2021, 0, 1);
const SPAN = Date.UTC(2024, 11, 31, 23, 59, 59) - START;
const formatTime = utcFormat("%Y/%m/%d %H:%M:%S");

/** What the generator wrote, kept beside the CSV so a later run can reuse it. */
interface InputInfo {
  version: number;
  seed: number;
  encoding: Encoding;
  rows: number;
  orders: number;
  bytes: number;
  generation_ms: number;
}

interface Run {
  ms: number;
  peakMiB: number;
}

/** A customer's fake personal cells (氏名 … 住所), derived from the index alone so none are kept in memory. */
function customerCells(index: number): string {
  const h = mix(index);
  const [family, familyRoman] = FAMILY[h % FAMILY.length];
  const [given, givenRoman] = GIVEN[(h >>> 4) % GIVEN.length];
  const phone = `0${7 + (h % 3)}0-${pad((h >>> 8) % 10_000, 4)}-${pad(index % 10_000, 4)}`;
  const address = `${PLACES[(h >>> 12) % PLACES.length]}${1 + (h % 5)}-${1 + ((h >>> 16) % 20)}-${1 + ((h >>> 20) % 30)}`;
  return `M${pad(index + 1, 7)},${family} ${given},${givenRoman}.${familyRoman}${index + 1}@example.jp,${phone},${address}`;
}

/** A 32-bit integer hash (murmur3's finaliser). */
function mix(n: number): number {
  let h = Math.imul(n ^ (n >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * Returns a function writing one order's lines (at most `limit`) as CSV text. About 2 lines an order; a
 * customer's first order is mostly a trial, later ones half subscription deliveries (定期回数 counted per
 * customer). Order-level cells repeat identically on every line, as the loader requires.
 */
function orderWriter(customers: number) {
  const random = randomLcg(SEED);
  const seen = new Uint8Array(customers);
  const deliveries = new Uint16Array(customers);
  const pick = <T>(choices: [number, T][]): T => {
    let r = random();
    for (const [p, value] of choices) if ((r -= p) < 0) return value;
    return choices[choices.length - 1][1];
  };
  return (orderNo: number, progress: number, limit: number): {text: string; lines: number} => {
    const customer = Math.floor(random() * customers);
    const first = seen[customer] === 0;
    seen[customer] = 1;
    const primary = first ? (random() < 0.8 ? TRIAL : MAIN) : pick([[0.5, SUBSCRIPTION], [0.3, MAIN], [0.2, CROSS_SELL]]);
    // the subscription product comes only as a subscription order's own line (定期 is order-level)
    const others = PRODUCTS.filter((p) => p !== primary && p !== SUBSCRIPTION);
    const offset = Math.floor(random() * others.length);
    const count = Math.min(limit, others.length + 1, pick([[0.3, 1], [0.45, 2], [0.2, 3], [0.05, 4]]));
    const lines = [{product: primary, quantity: 1}];
    for (let i = 1; i < count; i++) lines.push({product: others[(offset + i) % others.length], quantity: pick([[0.8, 1], [0.15, 2], [0.05, 3]])});
    const goods = lines.reduce((sum, l) => sum + l.quantity * l.product.price, 0);
    const subscription = primary === SUBSCRIPTION;
    const shipping = primary === TRIAL || subscription || goods >= 5000 ? 0 : 600;
    const coupon = pick([[0.08, "WELCOME10"], [0.02, "SPRING500"], [0.9, ""]]);
    const discount = coupon === "WELCOME10" ? Math.floor(goods / 10) : coupon === "SPRING500" ? Math.min(500, goods) : 0;
    const status = pick([[0.94, "発送済み"], [0.04, "キャンセル"], [0.02, "返品"]]);
    const channel = pick([[0.88, "Web"], [0.09, "電話"], [0.03, "FAX"]]);
    // a quoted note with a line break now and then, as real exports have
    const note = pick([[0.989, ""], [0.01, "置き配希望"], [0.001, '"初回\r\n同梱物希望"']]);
    const time = formatTime(new Date(START + Math.floor(Math.min(SPAN, progress * SPAN + random() * 60_000) / 1000) * 1000));
    const head = `${orderNo},${time},${customerCells(customer)}`;
    const tail = `${shipping},${discount},${coupon},${subscription ? 1 : 0},${subscription ? ++deliveries[customer] : ""},${status},${channel}`;
    const text = lines.map((l, i) => `${head},${l.product.code},${l.product.name},${l.quantity},${l.product.priceCell},${tail},${i === 0 ? note : ""}\r\n`).join("");
    return {text, lines: lines.length};
  };
}

/** Writes `rows` order lines to `file` as a stream, waiting whenever the disk falls behind. */
async function generate(file: string, encoding: Encoding): Promise<InputInfo> {
  const start = performance.now();
  const partial = `${file}.partial`;
  const stream = createWriteStream(partial);
  const encode = encoding === "utf-8" ? (text: string) => text : (text: string) => iconv.encode(text, "cp932");
  // a pool a little over 1.5M per 10M rows: drawing ~5M orders from it leaves ~4 % of it never drawn
  const nextOrder = orderWriter(Math.max(1, Math.round(rows * 0.156)));
  let written = 0;
  let orders = 0;
  let chunk = [`${HEADER}\r\n`];
  while (written < rows) {
    const {text, lines} = nextOrder(1_000_001 + orders, written / rows, rows - written);
    chunk.push(text);
    orders++;
    if (Math.floor((written + lines) / 1_000_000) > Math.floor(written / 1_000_000)) log(`generated ${(written + lines).toLocaleString("en-US")} rows`);
    written += lines;
    if (chunk.length >= 1000) {
      await write(stream, encode(chunk.join("")));
      chunk = [];
    }
  }
  await write(stream, encode(chunk.join("")));
  stream.end();
  await finished(stream);
  renameSync(partial, file);
  return {version: GENERATOR_VERSION, seed: SEED, encoding, rows, orders, bytes: stream.bytesWritten, generation_ms: performance.now() - start};
}

async function write(stream: WriteStream, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, "drain");
}

/** The input file for `encoding`: reused when an earlier run wrote the same rows, else generated. */
async function ensureInput(file: string, encoding: Encoding): Promise<InputInfo & {reused: boolean}> {
  const infoFile = `${file}.json`;
  if (existsSync(file) && existsSync(infoFile)) {
    const info = JSON.parse(readFileSync(infoFile, "utf8")) as InputInfo;
    const same = info.version === GENERATOR_VERSION && info.seed === SEED && info.encoding === encoding && info.rows === rows;
    if (same && statSync(file).size === info.bytes) return {...info, reused: true};
  }
  rmSync(infoFile, {force: true});
  log(`generating ${rows.toLocaleString("en-US")} rows (${encoding}) into ${relative(ROOT, file)} …`);
  const info = await generate(file, encoding);
  writeFileSync(infoFile, JSON.stringify(info, null, 2) + "\n");
  return {...info, reused: false};
}

/** The sample cart's mapping, reading UTF-8. */
function utf8Config(): string {
  const file = join(WORK, "cart-ja-utf8.config.json");
  writeFileSync(file, JSON.stringify({...JSON.parse(readFileSync(SOURCE_CONFIG, "utf8")), encoding: "utf-8"}, null, 2) + "\n");
  return file;
}

/**
 * Runs `ltv snapshot` in its own process (so its memory is its own), forwarding its progress lines with
 * timestamps; returns its wall time and peak resident memory (VmHWM, sampled every 50 ms).
 */
function runSnapshot(file: string, config: string): Promise<Run> {
  const args = ["--import", "tsx", "loaders/cli/main.ts", "snapshot", "--source", `csv:${file}`, "--config", config, "--out", OUT, "--as-of", AS_OF];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {cwd: ROOT, env: {...process.env, LTV_PSEUDONYM_KEY: TEST_KEY}, stdio: ["ignore", "ignore", "pipe"]});
    const tail: string[] = [];
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, peakMiB(child.pid!) ?? 0)), 50);
    createInterface({input: child.stderr!}).on("line", (line) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      log(`  [snapshot +${((performance.now() - start) / 1000).toFixed(1)} s] ${line}`);
    });
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearInterval(timer);
      if (code === 0) resolve({ms: performance.now() - start, peakMiB: peak});
      else reject(Object.assign(new Error(`ltv snapshot exited with ${signal ?? `code ${code}`} after ${((performance.now() - start) / 1000).toFixed(1)} s, peak ${peak.toFixed(0)} MiB`), {tail}));
    });
  });
}

function log(message: string): void {
  process.stderr.write(`${new Date().toTimeString().slice(0, 8)} ${message}\n`);
}

/** 10000000 → "10m", 200000 → "200k": the input file's name. */
function sizeLabel(n: number): string {
  return n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** Generates (or reuses) one encoding's input and measures its snapshot; the figures for the results file. */
async function measure(encoding: Encoding, config: string): Promise<Record<string, unknown>> {
  const file = join(WORK, `orders-${sizeLabel(rows)}${encoding === "utf-8" ? "" : `-${encoding}`}.csv`);
  const input = await ensureInput(file, encoding);
  const inputMiB = input.bytes / MiB;
  const generation = `${input.reused ? "reused; generated earlier" : "generated"} in ${(input.generation_ms / 1000).toFixed(1)} s`;
  log(`input: ${relative(ROOT, file)}, ${inputMiB.toFixed(1)} MiB, ${input.orders.toLocaleString("en-US")} orders (${generation})`);
  const measured: Run[] = [];
  for (let i = 1; i <= runs; i++) {
    rmSync(OUT, {recursive: true, force: true});
    log(`snapshot run ${i} of ${runs} …`);
    measured.push(await runSnapshot(file, config));
    log(`run ${i}: ${(measured[i - 1].ms / 1000).toFixed(1)} s, peak ${measured[i - 1].peakMiB.toFixed(0)} MiB`);
  }
  const manifest = JSON.parse(readFileSync(join(OUT, "manifest.json"), "utf8"));
  const time: Summary = summarise(measured.map((r) => r.ms));
  const peak = Math.max(...measured.map((r) => r.peakMiB));
  const rowsPerSecond = rows / (time.median / 1000);
  const {read, loaded, duplicates, rejected} = manifest.rows as Record<string, number>;
  const n = (x: number) => x.toLocaleString("en-US");

  console.log(`\n=== ${n(rows)} rows, ${encoding}: ${inputMiB.toFixed(1)} MiB, ${n(input.orders)} orders (${generation})`);
  console.log(`snapshot, median of ${runs}: ${(time.median / 1000).toFixed(1)} s (${(time.min / 1000).toFixed(1)}–${(time.max / 1000).toFixed(1)}) · ${n(Math.round(rowsPerSecond))} rows/s · peak RSS ${peak.toFixed(0)} MiB`);
  console.log(`manifest rows: read ${n(read)} · loaded ${n(loaded)} · duplicates ${n(duplicates)} · rejected ${n(rejected)} → ${n(manifest.row_counts.orders)} orders, ${n(manifest.row_counts.customers)} customers`);
  return {
    input: {file: relative(ROOT, file), rows, orders: input.orders, mib: inputMiB, generation_s: input.generation_ms / 1000, reused: input.reused},
    runs: measured.map((r) => ({s: r.ms / 1000, peak_mib: r.peakMiB})),
    median_s: time.median / 1000,
    min_s: time.min / 1000,
    max_s: time.max / 1000,
    rows_per_s: rowsPerSecond,
    peak_rss_mib: peak,
    rows: {read, loaded, duplicates, rejected},
    row_counts: manifest.row_counts
  };
}

mkdirSync(WORK, {recursive: true});
const results: Record<string, unknown> = {
  machine: {cores: availableParallelism(), memory_gib: totalmem() / 1024 ** 3, node: process.version},
  rows,
  runs,
  as_of: AS_OF
};
const configs: Record<Encoding, string> = {"utf-8": utf8Config(), cp932: SOURCE_CONFIG};
for (const encoding of encodings as Encoding[]) {
  try {
    results[encoding] = await measure(encoding, configs[encoding]);
  } catch (error) {
    const tail = (error as {tail?: string[]}).tail ?? [];
    console.log(`\n=== ${rows.toLocaleString("en-US")} rows, ${encoding}: FAILED\n${(error as Error).message}${tail.length ? `\nstderr tail:\n  ${tail.join("\n  ")}` : ""}`);
    results[encoding] = {error: (error as Error).message, stderr_tail: tail};
    process.exitCode = 1;
  }
}
writeFileSync(join(ROOT, "bench", "csv-results.json"), JSON.stringify(results, null, 2) + "\n");
