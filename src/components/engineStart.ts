import {idleAfterFrame, pageDrawn} from "./pageDrawn.js";

/**
 * The longest a page waits for its first view to be drawn before it starts DuckDB-WASM, should an output never
 * finish. Views draw in 0.03–0.15 s after the first answer at 1M to 20M orders (npm run bench).
 */
const DRAWN_WAIT_MS = 2000;

/** The longest a query that needs the engine waits for the page to be idle. */
const IDLE_WAIT_MS = 200;

/**
 * When a page starts DuckDB-WASM. Its start (a 34 MB WebAssembly module compiled, its worker's script parsed) takes
 * both cores of a small machine for most of a second, so a page whose first view is shipped draws it first. A query
 * that needs the engine meanwhile starts it once the frame being drawn is done and the page is idle. A page that
 * ships nothing starts it at once.
 */
export class EngineStart {
  /** Resolves when the engine is to start. */
  readonly wanted: Promise<void>;
  #start!: () => void;
  #started = false;
  #queried = false;

  constructor() {
    this.wanted = new Promise<void>((resolve) => (this.#start = resolve));
  }

  /** Starts it now. */
  now(): void {
    this.#started = true;
    this.#start();
  }

  /** Starts it once the page's first view is drawn; `answering` tells whether answers it shows are still coming. */
  onceDrawn(answering: () => boolean): void {
    void pageDrawn(DRAWN_WAIT_MS, answering).then(() => this.now());
  }

  /** A query needs the engine: starts it once the page is idle after the frame being drawn, if not started yet. */
  forQuery(): void {
    if (this.#started || this.#queried) return;
    this.#queried = true;
    void idleAfterFrame(IDLE_WAIT_MS).then(() => this.now());
  }
}
