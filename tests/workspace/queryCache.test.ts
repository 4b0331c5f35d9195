import {describe, expect, it} from "vitest";
import {QueryCache} from "../../src/components/queryCache.js";

/** A query runner that records what it ran and answers with as many rows as the SQL's number says. */
function runner() {
  const ran: string[] = [];
  const run = async (sql: string) => {
    ran.push(sql);
    if (sql.startsWith("fail")) throw new Error(`cannot run ${sql}`);
    return {sql, numRows: Number(sql.replace(/\D/g, "")) || 1};
  };
  return {ran, run};
}

describe("QueryCache", () => {
  it("answers the same SQL again without running it, and other SQL by running it", async () => {
    const {ran, run} = runner();
    const cache = new QueryCache(run);
    const first = await cache.get("a 5");
    expect(await cache.get("a 5")).toBe(first);
    await cache.get("b 5");
    expect(ran).toEqual(["a 5", "b 5"]);
  });

  it("shares one run between two cells asking at once", async () => {
    const {ran, run} = runner();
    const cache = new QueryCache(run);
    const [x, y] = await Promise.all([cache.get("a 1"), cache.get("a 1")]);
    expect(x).toBe(y);
    expect(ran).toEqual(["a 1"]);
  });

  it("drops the least recently asked answer beyond its size", async () => {
    const {ran, run} = runner();
    const cache = new QueryCache(run, 2);
    await cache.get("a 1");
    await cache.get("b 1");
    await cache.get("a 1"); // a is now the most recent
    await cache.get("c 1"); // b goes
    await cache.get("a 1");
    await cache.get("b 1");
    expect(ran).toEqual(["a 1", "b 1", "c 1", "b 1"]);
  });

  it("keeps neither a failure nor an answer of more rows than it holds", async () => {
    const {ran, run} = runner();
    const cache = new QueryCache(run, 32, 100);
    await expect(cache.get("fail 1")).rejects.toThrow("cannot run fail 1");
    await expect(cache.get("fail 1")).rejects.toThrow("cannot run fail 1");
    await cache.get("big 101");
    await cache.get("big 101");
    await cache.get("small 100");
    await cache.get("small 100");
    expect(ran).toEqual(["fail 1", "fail 1", "big 101", "big 101", "small 100"]);
  });
});
