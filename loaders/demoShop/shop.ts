import type {SourceOrder} from "../source.js";
import {demoShopContext} from "./context.js";
import {simulateCustomer} from "./customer.js";
import type {DemoParams} from "./params.js";

export const DEMO_SHOP = {name: "しずく公式オンラインショップ(デモ)", name_en: "Shizuku online shop (demo)"};

/** Orders per acquired customer at the default parameters, measured (see README): sizes the acquisition. */
export const ORDERS_PER_CUSTOMER = 2.08;

/** Relative acquisitions per calendar month: the gift season peaks, February is slow. */
const SEASON = [0.9, 0.8, 1, 1, 1, 0.95, 0.95, 1, 1, 1.05, 1.3, 1.5];

/**
 * The demo shop's orders, customer by customer in order of acquisition (each customer's in time order).
 * Deterministic for given parameters; holds one customer's orders at a time.
 */
export function* generateDemoOrders(params: DemoParams): Generator<SourceOrder> {
  const ctx = demoShopContext(params);
  const customers = Math.max(1, Math.round(params.orders / ORDERS_PER_CUSTOMER));
  const start = new Date(`${params.start}T00:00:00Z`);
  const weights = Array.from({length: params.months}, (_, m) => {
    const month = (start.getUTCMonth() + m) % 12;
    return (1 + ((params.growth - 1) * m) / Math.max(1, params.months - 1)) * SEASON[month];
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let acquired = 0;
  let cumulative = 0;
  for (let m = 0; m < params.months; m++) {
    const monthStart = dayOf(start, m, params.start);
    const monthEnd = dayOf(start, m + 1, params.start);
    cumulative += weights[m];
    const target = Math.round((customers * cumulative) / total);
    const days = Array.from({length: target - acquired}, () => monthStart + Math.floor(ctx.random.uniform() * (monthEnd - monthStart)));
    for (const day of days.sort((a, b) => a - b)) {
      yield* simulateCustomer(ctx, `C${String(++acquired).padStart(7, "0")}`, day);
    }
  }
}

/** Days from the start to the first day of month m after it. */
function dayOf(start: Date, m: number, iso: string): number {
  const date = new Date(start);
  date.setUTCMonth(date.getUTCMonth() + m);
  return Math.round((date.getTime() - Date.parse(`${iso}T00:00:00Z`)) / 86_400_000);
}
