import {describe, expect, it} from "vitest";
import {DEMO_CATALOG} from "../../loaders/demoShop/catalog.js";
import {DEMO_DEFAULTS} from "../../loaders/demoShop/params.js";
import {generateDemoOrders} from "../../loaders/demoShop/shop.js";
import type {SourceOrder} from "../../loaders/source.js";

const DAY = 86_400_000;
const params = {...DEMO_DEFAULTS, orders: 20_000};
const orders = [...generateDemoOrders(params)];
const product = new Map(DEMO_CATALOG.map((p) => [p.product_id, p]));
const start = Date.parse(`${params.start}T00:00:00Z`);
const end = Date.UTC(2026, 0, 1); // 2023-01-01 + 36 months
const revision = Date.parse(`${params.priceRevisionDate}T00:00:00Z`);

function byCustomer(list: SourceOrder[]): Map<string, SourceOrder[]> {
  const map = new Map<string, SourceOrder[]>();
  for (const order of list) map.set(order.customer_id, [...(map.get(order.customer_id) ?? []), order]);
  return map;
}

describe("the demo shop", () => {
  it("is deterministic for a seed and differs for another", () => {
    expect([...generateDemoOrders(params)]).toEqual(orders);
    const other = [...generateDemoOrders({...params, seed: params.seed + 1})];
    expect(other.slice(0, 50)).not.toEqual(orders.slice(0, 50));
  });

  it("has about the number of orders asked for", () => {
    expect(orders.length).toBeGreaterThan(20_000 * 0.9);
    expect(orders.length).toBeLessThan(20_000 * 1.1);
    const small = [...generateDemoOrders({...params, orders: 2_000})].length;
    expect(small).toBeGreaterThan(2_000 * 0.9);
    expect(small).toBeLessThan(2_000 * 1.1);
  });

  it("keeps every amount whole and consistent with its lines and the shipping rule", () => {
    for (const o of orders) {
      const goods = o.lines.reduce((sum, l) => sum + l.quantity * l.unit_price, 0);
      expect(o.goods_amount).toBe(goods);
      expect(Number.isInteger(o.discount_amount) && o.discount_amount >= 0 && o.discount_amount <= goods).toBe(true);
      const trial = o.lines.length === 1 && o.lines[0].product_id === "P-TRIAL";
      const free = trial || o.subscription_id !== null || goods - o.discount_amount >= params.freeShippingThreshold;
      expect(o.shipping_fee).toBe(free ? 0 : params.fee);
      expect(o.ordered_at).toBeGreaterThanOrEqual(start);
      expect(o.ordered_at).toBeLessThan(end);
      for (const l of o.lines) {
        const p = product.get(l.product_id)!;
        expect(l.unit_price).toBe(o.ordered_at < revision ? p.price_before_revision : p.list_price);
      }
    }
  });

  it("numbers each subscription's deliveries 1, 2, 3 … in time order, one cycle or a skipped cycle apart", () => {
    const subscriptions = new Map<string, SourceOrder[]>();
    for (const o of orders.filter((o) => o.subscription_id)) {
      subscriptions.set(o.subscription_id!, [...(subscriptions.get(o.subscription_id!) ?? []), o]);
    }
    expect(subscriptions.size).toBeGreaterThan(500);
    for (const deliveries of subscriptions.values()) {
      deliveries.sort((a, b) => a.ordered_at - b.ordered_at);
      expect(deliveries.map((d) => d.delivery_number)).toEqual(deliveries.map((_, i) => i + 1));
      const gaps = new Set(deliveries.slice(1).map((d, i) => Math.round((d.ordered_at - deliveries[i].ordered_at) / DAY)));
      expect(gaps.size).toBeLessThanOrEqual(2); // the cycle, and twice the cycle after a skip
    }
  });

  it("acquires most customers with the trial set, and converts a fifth of them to the subscription", () => {
    const customers = [...byCustomer(orders).values()];
    const firsts = customers.map((list) => list[0]);
    const trialShare = firsts.filter((o) => o.lines[0].product_id === "P-TRIAL").length / firsts.length;
    expect(trialShare).toBeGreaterThan(0.6);
    expect(trialShare).toBeLessThan(0.7);
    const trialists = customers.filter((list) => list[0].lines[0].product_id === "P-TRIAL");
    const converted = trialists.filter((list) => list[1]?.subscription_id).length / trialists.length;
    expect(converted).toBeGreaterThan(0.18); // afterTrial.subscription = 0.22, less conversions cut off by the period end
    expect(converted).toBeLessThan(0.24);
  });

  it("bunches one-off order values just above the free-shipping threshold", () => {
    const net = orders.filter((o) => o.subscription_id === null && o.lines[0].product_id !== "P-TRIAL").map((o) => o.goods_amount - o.discount_amount);
    const t = params.freeShippingThreshold;
    const justAbove = net.filter((v) => v >= t + 500 && v < t + 1000).length;
    const further = net.filter((v) => v >= t + 1000 && v < t + 1500).length;
    // top-ups with ¥600 masks land between ¥5,500 and ¥6,000; nothing in the catalogue lands there otherwise
    expect(justAbove).toBeGreaterThan(3 * further);
  });

  it("cancels and refunds a few percent of orders", () => {
    const share = (status: string) => orders.filter((o) => o.status === status).length / orders.length;
    expect(share("cancelled")).toBeGreaterThan(0.01);
    expect(share("cancelled")).toBeLessThan(0.03);
    expect(share("refunded")).toBeGreaterThan(0.005);
    expect(share("refunded")).toBeLessThan(0.025);
  });
});
