/**
 * Answers a query asked again with the answer kept the first time: the snapshot does not change while a page is
 * open, so the same SQL gives the same rows, and an analyst going back to a setting, or a cell re-run for an input
 * its query does not use, waits for nothing. Keeps the `entries` most recently asked answers of at most `maxRows`
 * rows each (a list of millions of customers is computed again rather than held).
 */
export class QueryCache<T extends {numRows: number}> {
  readonly #answers = new Map<string, Promise<T>>();

  constructor(
    readonly run: (sql: string) => Promise<T>,
    readonly entries = 32,
    readonly maxRows = 100_000
  ) {}

  get(sql: string): Promise<T> {
    const kept = this.#answers.get(sql);
    if (kept) {
      // most recently asked last: the first key is the one to drop
      this.#answers.delete(sql);
      this.#answers.set(sql, kept);
      return kept;
    }
    const answer = this.run(sql);
    this.#answers.set(sql, answer);
    const forget = () => this.#answers.get(sql) === answer && this.#answers.delete(sql);
    answer.then((table) => table.numRows > this.maxRows && forget(), forget);
    for (const oldest of this.#answers.keys()) {
      if (this.#answers.size <= this.entries) break;
      this.#answers.delete(oldest);
    }
    return answer;
  }
}
