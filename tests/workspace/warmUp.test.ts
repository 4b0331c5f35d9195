import {describe, expect, it} from "vitest";
import {warmUp} from "../../src/components/warmUp.js";

describe("warmUp", () => {
  it("runs each query once, in order, each only after the page's queries are done, and goes on past a failure", async () => {
    const events: string[] = [];
    let pageQueries = 2;
    const busy = async () => {
      // the page is still asking: the warm-up waits
      while (pageQueries > 0) {
        events.push(`page query ${pageQueries--}`);
        await Promise.resolve();
      }
      events.push("quiet");
    };
    const run = async (text: string) => {
      events.push(`run ${text}`);
      if (text === "b") throw new Error("no such table");
    };
    await warmUp(["a", "b", "c"], run, busy);
    expect(events).toEqual(["page query 2", "page query 1", "quiet", "run a", "quiet", "run b", "quiet", "run c"]);
    expect(performance.getEntriesByName("ltv:warm").map((e) => (e as PerformanceMeasure).detail)).toHaveLength(3);
  });
});
