import type {DemoParams} from "./params.js";
import {demoRandom, type DemoRandom} from "./random.js";

const DAY = 86_400_000;

/** What every part of the simulation shares: parameters, the random stream and the calendar. */
export interface DemoShopContext {
  params: DemoParams;
  random: DemoRandom;
  /** Days in the history; day d is start + d. Nothing happens on or after `days`. */
  days: number;
  revisionDay: number;
  isDecember(day: number): boolean;
  /** Shop-local time of an order on a day: evenings for customers, 9:00 for subscription shipments. */
  timeOf(day: number, scheduled: boolean): number;
  nextSubscriptionId(): string;
}

export function demoShopContext(params: DemoParams): DemoShopContext {
  const start = Date.parse(`${params.start}T00:00:00Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + params.months);
  const random = demoRandom(params.seed);
  let subscriptions = 0;
  return {
    params,
    random,
    days: Math.round((end.getTime() - start) / DAY),
    revisionDay: Math.round((Date.parse(`${params.priceRevisionDate}T00:00:00Z`) - start) / DAY),
    isDecember: (day) => new Date(start + day * DAY).getUTCMonth() === 11,
    timeOf(day, scheduled) {
      if (scheduled) return start + day * DAY + 9 * 3_600_000;
      // most orders in the evening, the rest spread over the waking day
      const hour = random.chance(0.6) ? random.normal(21, 1.5) : 7 + random.uniform() * 17;
      const seconds = Math.floor(Math.min(Math.max(hour, 0), 23.999) * 3600);
      return start + day * DAY + seconds * 1000;
    },
    nextSubscriptionId: () => `S${String(++subscriptions).padStart(7, "0")}`
  };
}
